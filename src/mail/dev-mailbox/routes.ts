import type { Translate } from '../../i18n/index.js';
import { shownTitle } from '../erasure.js';
import express, { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { cleanText } from '../../web/clean-text.js';
import { isSingleAddress } from '../address.js';
import { NotFoundError } from '../../web/errors.js';
import { buildRawMessage, SENDER_NAME } from '../compose.js';
import { OutboxRepository, type OutboxMessage } from '../outbox-repository.js';
import { composeDevReply, type DevReplySender } from './reply.js';

export interface DevMailboxOptions {
  knex: Knex;
  mailFrom: string;
  pageSize?: number;
  /** Where an answer written here goes: the SMTP door; without it the answer form is not offered. */
  reply?: DevReplySender | undefined;
}

const replyForm = z.object({
  text: z
    .string()
    .transform((text) => cleanText(text).trim())
    .pipe(z.string().min(1).max(5000)),
  // Another sender than the recipient: the reply a stranger (or a forwarded email) would make.
  from: z
    .string()
    .optional()
    .transform((from) => (from ?? '').trim())
    .refine((from) => from === '' || isSingleAddress(from)),
});

/**
 * The stored HTML may hold anything a template put there; it runs nothing and loads only images.
 * Its inline styles apply, so it looks as a mail client shows it (a style runs nothing).
 */
export const EMAIL_HTML_CSP = "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'";

const page = z.coerce.number().int().min(1).max(100_000).catch(1);
const id = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number);

function timeFormatter(language: string) {
  const format = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Riga',
  });
  return (date: Date | null) => (date ? format.format(date) : '');
}

/**
 * /dev/mailbox: every email Tilts has written, readable in the browser when there is no SMTP
 * server. Mounted only outside production; it shows every recipient's email to anyone.
 */
export function devMailboxRoutes(options: DevMailboxOptions): Router {
  const repository = new OutboxRepository(options.knex);
  const pageSize = options.pageSize ?? 50;
  const router = Router();

  async function findMessage(req: Request): Promise<OutboxMessage> {
    const parsed = id.safeParse(req.params.id);
    const message = parsed.success ? await repository.find(parsed.data) : undefined;
    if (!message) throw new NotFoundError();
    return message;
  }

  const noStore = (res: Response) => res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });

  router.get('/', async (req, res) => {
    const current = page.parse(req.query.page);
    const { items, total } = await repository.list({ limit: pageSize, offset: (current - 1) * pageSize });
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const t = res.locals.t as Translate;
    noStore(res).render('dev/mailbox', {
      // An erased person's email keeps the marker as its subject: said in the reader's words.
      messages: items.map((item) => ({ ...item, subject: shownTitle(item.subject, t) })),
      total,
      page: current,
      pages,
      formatTime: timeFormatter(String(res.locals.lang)),
    });
  });

  const showMessage = (
    res: Response,
    message: OutboxMessage,
    reply: { text: string; from?: string; error?: string; sent?: boolean },
  ) =>
    noStore(res).render('dev/message', {
      message: { ...message, subject: shownTitle(message.subject, res.locals.t as Translate) },
      from: `${SENDER_NAME} <${options.mailFrom}>`,
      formatTime: timeFormatter(String(res.locals.lang)),
      canReply: Boolean(options.reply && message.replyTo),
      reply,
    });

  router.get('/:id', async (req, res) => {
    const message = await findMessage(req);
    showMessage(res, message, { text: '', sent: req.query.replied === '1' });
  });

  // Answer the email as its recipient would: a real MIME message through the SMTP door, so the
  // whole loop (reply address, quotes, status words) runs as it does in production.
  router.post('/:id/reply', express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const message = await findMessage(req);
    const send = options.reply;
    if (!send || !message.replyTo) throw new NotFoundError();
    const parsed = replyForm.safeParse(req.body);
    if (!parsed.success) {
      const body = (req.body ?? {}) as { text?: unknown; from?: unknown };
      const text = typeof body.text === 'string' ? body.text : '';
      const from = typeof body.from === 'string' ? body.from : '';
      const badFrom = parsed.error.issues.some((issue) => issue.path[0] === 'from');
      res.status(400);
      showMessage(res, message, {
        text,
        from,
        error: badFrom
          ? 'devMailbox.reply.fromInvalid'
          : text.trim()
            ? 'devMailbox.reply.tooLong'
            : 'devMailbox.reply.empty',
      });
      return;
    }
    const from = parsed.data.from || message.to.email;
    const raw = await composeDevReply(message, parsed.data.text, new Date(), from);
    await send(raw, { from, to: message.replyTo });
    res.redirect(303, `/dev/mailbox/${message.id}?replied=1`);
  });

  router.get('/:id/html', async (req, res) => {
    const message = await findMessage(req);
    noStore(res).set('Content-Security-Policy', EMAIL_HTML_CSP).type('html').send(message.html);
  });

  router.get('/:id/raw', async (req, res) => {
    const message = await findMessage(req);
    const raw = await buildRawMessage(message, options.mailFrom);
    noStore(res).type('text/plain; charset=utf-8').send(raw.toString('utf8'));
  });

  return router;
}
