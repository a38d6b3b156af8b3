import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { NotFoundError } from '../../web/errors.js';
import { buildRawMessage, SENDER_NAME } from '../compose.js';
import { OutboxRepository, type OutboxMessage } from '../outbox-repository.js';

export interface DevMailboxOptions {
  knex: Knex;
  mailFrom: string;
  pageSize?: number;
}

/** The stored HTML may hold anything a template put there; it runs nothing and loads only images. */
export const EMAIL_HTML_CSP = "sandbox; default-src 'none'; img-src * data:";

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
    noStore(res).render('dev/mailbox', {
      messages: items,
      total,
      page: current,
      pages,
      formatTime: timeFormatter(String(res.locals.lang)),
    });
  });

  router.get('/:id', async (req, res) => {
    const message = await findMessage(req);
    noStore(res).render('dev/message', {
      message,
      from: `${SENDER_NAME} <${options.mailFrom}>`,
      formatTime: timeFormatter(String(res.locals.lang)),
    });
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
