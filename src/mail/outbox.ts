import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import { isLanguage, type Language } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';
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
  /** The help offer it is about: erasing the volunteer empties it (`HelpOfferRepository.erase`). */
  helpOfferId?: number;
  replyTo?: string;
  /** Extra headers, e.g. `listUnsubscribeHeaders(url)`; one line each, not the composer's own. */
  headers?: Record<string, string>;
}

/** What the outbox needs to queue an email in the caller's transaction. */
export interface MailQueue {
  enqueue(trx: Queryable, message: OutgoingEmail): Promise<unknown>;
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
 * A link to our own site in an email, with the reader's language added, so the page it opens is
 * in the language of the email. Only whole URLs are touched, never text that contains one.
 */
export function withLanguage(value: string, publicUrl: string, language: Language): string {
  const ours = value === publicUrl || value.startsWith(`${publicUrl}/`) || value.startsWith(`${publicUrl}?`);
  if (!ours || /\s/.test(value)) return value;
  try {
    // Parsed to be sure it is a whole address (written as the parser writes it: the site's root
    // with its `/`); the language is added as on the pages and feeds, Latvian too, as an email is
    // read away from any cookie.
    const url = new URL(value);
    return url.searchParams.has('lang') ? url.href : addLanguage(url.href, language);
  } catch {
    return value;
  }
}

function localiseLinks(value: unknown, publicUrl: string, language: Language): unknown {
  if (typeof value === 'string') return withLanguage(value, publicUrl, language);
  if (Array.isArray(value)) return value.map((item) => localiseLinks(item, publicUrl, language));
  if (
    value !== null &&
    typeof value === 'object' &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null)
  ) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, localiseLinks(item, publicUrl, language)]),
    );
  }
  return value;
}

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
    // A name that would break the header is refused whatever the email; then an address still to
    // be proven is not named by words that carry a link or contact (unproven.ts).
    const typed = message.to.name?.trim() || null;
    const safe = typed ? assertHeaderText(typed, 'to name', 200) : null;
    const name = this.options.renderer.recipientName(message.template, safe, message.data);
    const replyTo = message.replyTo === undefined ? null : assertSingleAddress(message.replyTo, 'replyTo');
    const { publicUrl } = this.options;
    const headers = assertExtraHeaders(
      Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [
          name,
          value.replace(
            /^<(\S+)>$/,
            (_all, url: string) => `<${withLanguage(url, publicUrl, message.language)}>`,
          ),
        ]),
      ),
    );
    const data = localiseLinks(message.data, publicUrl, message.language) as object;
    for (const key of ['reportId', 'helpOfferId'] as const) {
      const id = message[key];
      if (id !== undefined && !Number.isSafeInteger(id))
        throw new UnsafeHeaderError(key, 'must be an integer');
    }

    const rendered = this.options.renderer.render(message.template, message.language, data);
    // Chosen once, here: every retry sends the same Message-ID, so a receiver can tell a retry
    // from a second email, and a reply's In-Reply-To points back at this row.
    const messageId = newMessageId(this.domain);
    const { id } = await insertOutboxRow(trx, {
      messageId,
      kind: message.kind,
      reportId: message.reportId ?? null,
      helpOfferId: message.helpOfferId ?? null,
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
