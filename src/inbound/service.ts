import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { classifyMail } from '../mail/inbound/classify.js';
import { parseInboundMail, type InboundMail } from '../mail/inbound/inbound-mail.js';
import { extractReplyText } from '../mail/inbound/quotes.js';
import { findReplyAddress, parseReplyAddress, verifyReplyAddress } from '../mail/inbound/reply-address.js';
import { STATUS_WORDS, parseStatusWord } from '../mail/inbound/status-words.js';
import type { PhotoService } from '../photos/service.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Recipient } from '../reports/types.js';
import type { MailQueue, ReportService } from '../reports/service.js';
import type { ReportUpdateService } from '../reports/updates.js';
import type { InboundOutcome, InboundRepository } from './repository.js';

export interface InboundResult {
  outcome: InboundOutcome | 'duplicate';
  reportRef?: string;
}

export interface InboundDeps {
  knex: Knex;
  inbound: InboundRepository;
  reports: ReportRepository;
  reportService: ReportService;
  updates: ReportUpdateService;
  photos: PhotoService;
  mail: MailQueue;
  logger: Logger;
  secret: string;
  domain: string;
  clock: () => Date;
}

const MAX_REPLY_PHOTOS = 5;

/**
 * One pipeline behind both doors (SMTP and webhook): store once, drop robots, note bounces,
 * check the signed reply address, strip quotes, read the status word, apply.
 */
export class InboundService {
  constructor(private readonly deps: InboundDeps) {}

  async process(raw: Buffer, source: 'smtp' | 'webhook'): Promise<InboundResult> {
    const mail = await parseInboundMail(raw);
    const now = this.deps.clock();
    const id = await this.deps.inbound.insertOnce(
      this.deps.knex,
      {
        dedupeKey: mail.dedupeKey,
        messageId: mail.messageId,
        source,
        fromEmail: mail.from,
        subject: mail.subject,
        raw,
      },
      now,
    );
    if (id === undefined) return { outcome: 'duplicate' };
    try {
      return await this.apply(id, mail);
    } catch (error) {
      this.deps.logger.error({ err: error, inboundId: id }, 'inbound message could not be applied');
      await this.deps.inbound.settle(this.deps.knex, id, { outcome: 'failed', detail: String(error) });
      return { outcome: 'failed' };
    }
  }

  private async apply(id: number, mail: InboundMail): Promise<InboundResult> {
    const { knex, inbound } = this.deps;
    const classification = classifyMail(mail);
    if (classification.kind === 'auto-reply') {
      await inbound.settle(knex, id, { outcome: 'auto_reply', detail: classification.signal });
      return { outcome: 'auto_reply' };
    }
    if (classification.kind === 'bounce') {
      await this.recordBounces(id, classification.bounces);
      return { outcome: 'bounce' };
    }

    const address = findReplyAddress(mail.recipients, this.deps.domain);
    const parsed = address ? parseReplyAddress(address, { domain: this.deps.domain }) : undefined;
    const report = parsed?.ok ? await this.deps.reports.byRef(parsed.ref) : undefined;
    if (!address || !parsed?.ok || !report) {
      await inbound.settle(knex, id, {
        outcome: 'unknown_address',
        detail: address ?? mail.recipients.join(', '),
      });
      return { outcome: 'unknown_address' };
    }
    const recipients = await this.deps.reports.recipients(report.id);
    const verified = verifyReplyAddress(address, {
      secret: this.deps.secret,
      domain: this.deps.domain,
      recipients: recipients.map((recipient) => recipient.email),
    });
    if (!verified.ok) {
      await inbound.settle(knex, id, { outcome: 'forged', reportId: report.id, detail: verified.reason });
      return { outcome: 'forged', reportRef: report.ref };
    }
    // The address was made for one recipient; only that person's own mailbox speaks at once.
    // Anyone else (a forwarded email answered by a stranger) is held for the social worker.
    const sender =
      recipients.find((recipient) => recipient.email.toLowerCase() === mail.from) ??
      (await this.staffMember(mail.from));
    if (!sender) {
      // Held for the social worker, who decides whether it should be said on the report.
      const socialWorkers = recipients.filter((recipient) => recipient.role === 'social_worker');
      await knex.transaction(async (trx) => {
        for (const worker of socialWorkers) {
          await this.deps.mail.enqueue(trx, {
            kind: 'held-reply',
            to: { email: worker.email, name: worker.name },
            language: 'lv',
            template: 'held-reply',
            reportId: report.id,
            data: {
              report: { ref: report.ref, title: report.title },
              from: mail.from,
              text: extractReplyText(mail),
            },
          });
        }
        await inbound.settle(trx, id, { outcome: 'held', reportId: report.id, detail: `from ${mail.from}` });
      });
      return { outcome: 'held', reportRef: report.ref };
    }

    const { command, text } = parseStatusWord(extractReplyText(mail));
    if (command.kind === 'unknown') {
      await knex.transaction(async (trx) => {
        await this.deps.mail.enqueue(trx, {
          kind: 'status-words-help',
          to: { email: mail.from },
          language: 'lv',
          template: 'status-words-help',
          reportId: report.id,
          // RFC 3834: an automatic answer, sent with an empty envelope sender, so robots never loop.
          headers: { 'Auto-Submitted': 'auto-replied', 'X-Tilts-Envelope-From': '<>' },
          data: {
            word: command.word,
            statusWords: STATUS_WORDS,
            report: { ref: report.ref, title: report.title },
          },
        });
        await inbound.settle(trx, id, { outcome: 'unknown_word', reportId: report.id, detail: command.word });
      });
      return { outcome: 'unknown_word', reportRef: report.ref };
    }

    const images = mail.attachments
      .filter((attachment) => attachment.contentType.startsWith('image/') && !attachment.contentId)
      .slice(0, MAX_REPLY_PHOTOS);
    const accepted = await this.deps.photos.accept(
      images.map((image, index) => ({
        originalname: image.filename ?? `photo-${index + 1}`,
        buffer: image.content,
      })),
      this.deps.clock(),
    );

    await knex.transaction(async (trx) => {
      const result = await this.deps.updates.recordRecipientUpdate(trx, report.id, {
        recipient: sender,
        channel: 'email',
        toStatus: command.kind === 'status' ? command.status : undefined,
        closeReason: command.kind === 'status' && command.status === 'closed' ? command.reason : undefined,
        publicText: command.kind === 'internal' ? undefined : text,
        internalNote: command.kind === 'internal' ? text : undefined,
        photos: command.kind === 'internal' ? [] : accepted.pending,
      });
      await inbound.settle(trx, id, { outcome: 'applied', reportId: report.id, updateId: result.updateId });
    });
    return { outcome: 'applied', reportRef: report.ref };
  }

  /** Any contact of the municipality (a clerk, a social worker, an admin) may also speak at once. */
  private async staffMember(email: string): Promise<Recipient | undefined> {
    if (!email) return undefined;
    const contact = (await this.deps
      .knex('contacts')
      .whereRaw('lower(email) = ?', [email])
      .whereNull('bouncing_since')
      .first('id', 'role', 'name', 'email')) as
      { id: number; role: string; name: string; email: string } | undefined;
    return contact
      ? { id: 0, contactId: contact.id, role: contact.role, name: contact.name, email: contact.email }
      : undefined;
  }

  private async recordBounces(
    id: number,
    bounces: { kind: 'permanent' | 'temporary'; recipient: string; status: string }[],
  ) {
    const { knex, inbound } = this.deps;
    const now = this.deps.clock();
    await knex.transaction(async (trx) => {
      for (const bounce of bounces.filter((item) => item.kind === 'permanent')) {
        const contacts = (await trx('contacts')
          .whereRaw('lower(email) = lower(?)', [bounce.recipient])
          .whereNull('bouncing_since')
          .update({ bouncing_since: now })
          .returning(['name', 'email'])) as { name: string; email: string }[];
        if (contacts.length === 0) continue;
        await this.deps.reportService.notifier.alertAdmins(trx, {
          kind: 'bounce-alert',
          data: { contacts, status: bounce.status },
        });
      }
      await inbound.settle(trx, id, {
        outcome: 'bounce',
        detail:
          bounces.map((bounce) => `${bounce.kind} ${bounce.status} ${bounce.recipient}`).join('; ') ||
          'no failed recipients',
      });
    });
  }
}
