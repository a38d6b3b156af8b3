import type { Knex } from 'knex';
import { isLanguage, type Language } from '../i18n/index.js';
import {
  UnsafeHeaderError,
  assertExtraHeaders,
  assertHeaderText,
  assertSingleAddress,
  messageIdDomain,
  newMessageId,
} from './address.js';
import { insertOutboxRow } from './outbox-repository.js';
import type { EmailRenderer } from './renderer.js';

export { listUnsubscribeHeaders } from './address.js';

export interface OutgoingEmail {
  /** What the email is for, e.g. `report-confirmation`, `report-routed` (shown in the mailbox). */
  kind: string;
  to: { email: string; name?: string };
  language: Language;
  /** `views/emails/<template>.{text,html}.ejs`, subject `mail.<template>.subject`. */
  template: string;
  data: object;
  reportId?: number;
  replyTo?: string;
  /** Extra headers, e.g. `listUnsubscribeHeaders(url)`; one line each, not the composer's own. */
  headers?: Record<string, string>;
}

export interface OutboxOptions {
  renderer: EmailRenderer;
  publicUrl: string;
  mailFrom: string;
  /** When a new email is first due; the worker compares it with its own clock. */
  clock?: () => Date;
}

const KIND = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/**
 * Puts emails in the outbox. `enqueue` renders the email now and writes it through the caller's
 * transaction: if the change that causes the email rolls back, the email never existed; if it
 * commits, the worker sends it, however long SMTP is away.
 */
export class Outbox {
  private readonly domain: string;

  constructor(private readonly options: OutboxOptions) {
    this.domain = messageIdDomain(options.publicUrl, options.mailFrom);
  }

  async enqueue(
    trx: Knex | Knex.Transaction,
    message: OutgoingEmail,
  ): Promise<{ id: number; messageId: string }> {
    if (!KIND.test(message.kind)) throw new Error(`outbox: kind "${message.kind}" is not valid`);
    if (!isLanguage(message.language))
      throw new Error(`outbox: language "${String(message.language)}" is not valid`);
    const email = assertSingleAddress(message.to.email, 'to');
    const name = message.to.name?.trim() ? assertHeaderText(message.to.name.trim(), 'to name', 200) : null;
    const replyTo = message.replyTo === undefined ? null : assertSingleAddress(message.replyTo, 'replyTo');
    const headers = assertExtraHeaders({ ...message.headers });
    if (message.reportId !== undefined && !Number.isSafeInteger(message.reportId))
      throw new UnsafeHeaderError('reportId', 'must be an integer');

    const rendered = this.options.renderer.render(message.template, message.language, message.data);
    // Chosen once, here: every retry sends the same Message-ID, so a receiver can tell a retry
    // from a second email, and a reply's In-Reply-To points back at this row.
    const messageId = newMessageId(this.domain);
    const { id } = await insertOutboxRow(trx, {
      messageId,
      kind: message.kind,
      reportId: message.reportId ?? null,
      to: { email, name },
      language: message.language,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers,
      replyTo,
      dueAt: this.options.clock?.() ?? new Date(),
    });
    return { id, messageId };
  }
}
