import type { Queryable } from '../db/transaction.js';
import { heldDetailWords } from '../mail/inbound/held-words.js';
import { maskPrivateDetails } from '../mail/inbound/mask.js';
import { STATUS_WORDS } from '../mail/inbound/status-words.js';
import type { HeldReason } from '../mail/templates.js';
import type { MailQueue } from '../mail/outbox.js';
import type { Language } from '../i18n/index.js';
import type { Report } from '../reports/types.js';

// RFC 3834: an automatic answer goes with an empty envelope sender, so robots never loop on it.
const AUTOMATIC = { 'Auto-Submitted': 'auto-replied', 'X-Tilts-Envelope-From': '<>' } as const;

/**
 * Who an automatic answer goes to, and in which language; `staff` when the address is a contact
 * for reports (a recipient of the report, or a parish's staff), whose footer says so.
 */
type Answered = { email: string; language: Language; staff?: boolean };

/** The footer an answer ends with: the staff one only to staff, a neutral one to anyone else. */
const footer = (to: Answered) => (to.staff ? { footer: 'staff' as const } : {});

const reportRef = (report: Pick<Report, 'ref' | 'title'>) => ({ ref: report.ref, title: report.title });

/** The emails the inbound pipeline writes: to the people a held reply concerns, and answers to senders. */
export class InboundNotices {
  constructor(
    private readonly mail: MailQueue,
    /** Where the site is published: held replies link to their page in the staff workspace. */
    private readonly publicUrl: string,
    /** The domain of reply addresses: one in a title is masked in answers to senders. */
    private readonly inboundDomain = '',
  ) {}

  /** A reply that was not published: the report's social workers decide what to do with it. */
  async heldReply(
    trx: Queryable,
    report: Report,
    to: readonly { email: string; name: string; language: Language }[],
    held: { inboundId: number; from: string; text: string; reason: { code: HeldReason; detail: string } },
  ): Promise<void> {
    const workspaceUrl = `${this.publicUrl}/staff/inbound/${held.inboundId}`;
    const why = { ...held.reason, words: heldDetailWords(held.reason.code, held.reason.detail) };
    for (const person of to) {
      await this.mail.enqueue(trx, {
        kind: 'held-reply',
        to: { email: person.email, name: person.name },
        language: person.language,
        template: 'held-reply',
        reportId: report.id,
        data: { report: reportRef(report), from: held.from, text: held.text, why, workspaceUrl },
      });
    }
  }

  /** The reply began with a word Tilts does not know: the sender is shown the words. */
  statusWordsHelp(trx: Queryable, to: Answered, report: Report, word: string): Promise<void> {
    const data = { word, statusWords: STATUS_WORDS };
    return this.answer(trx, 'status-words-help', to.email, report, data, to.language);
  }

  /** The report was closed long ago: its reply address takes no answers now. Said once. */
  replyExpired(trx: Queryable, to: Answered, report: Report): Promise<void> {
    return this.answer(trx, 'reply-expired', to.email, report, footer(to), to.language);
  }

  /** The resident withdrew the report: the reply was kept for staff, not published nor sent on. Said once. */
  replyWithdrawn(trx: Queryable, to: Answered, report: Report): Promise<void> {
    return this.answer(trx, 'reply-withdrawn', to.email, report, {}, to.language);
  }

  /** "#slēgts dublikāts" named no report it may be a duplicate of (`given`): published, status kept. */
  duplicateRefused(trx: Queryable, to: Answered, report: Report, given: string | null): Promise<void> {
    const workspaceUrl = `${this.publicUrl}/staff/reports/${report.ref}`;
    const data = { status: report.status, given, workspaceUrl };
    return this.answer(trx, 'duplicate-refused', to.email, report, data, to.language);
  }

  /** The reply's status word asked for a move its report's status does not allow: published, status kept. */
  statusWordRefused(trx: Queryable, to: Answered, report: Report, wanted: Report['status']): Promise<void> {
    const workspaceUrl = `${this.publicUrl}/staff/reports/${report.ref}`;
    const data = { status: report.status, wanted, workspaceUrl };
    return this.answer(trx, 'status-word-refused', to.email, report, data, to.language);
  }

  /**
   * The reply was published (or, `note`, the internal note saved) without these attached files,
   * which are no photo Tilts can take.
   */
  photosRefused(
    trx: Queryable,
    to: Answered,
    report: Report,
    files: readonly string[],
    note = false,
  ): Promise<void> {
    const data = note ? { files, note } : { files };
    return this.answer(trx, 'photos-refused', to.email, report, data, to.language);
  }

  /**
   * The sender's reply was held for the social worker (`reason`): not published. Only the reason's
   * code is said, never its detail, which may name the resident's contact.
   */
  replyHeld(trx: Queryable, to: Answered, report: Report, reason: HeldReason): Promise<void> {
    const data = {
      why: reason,
      workspaceUrl: `${this.publicUrl}/staff/reports/${report.ref}`,
      ...footer(to),
    };
    return this.answer(trx, 'reply-held', to.email, report, data, to.language, this.maskedTitle(report));
  }

  /** The reply had no words of its own above the quote: nothing was published. */
  replyEmpty(trx: Queryable, to: Answered, report: Report): Promise<void> {
    const data = { workspaceUrl: `${this.publicUrl}/staff/reports/${report.ref}`, ...footer(to) };
    return this.answer(trx, 'reply-empty', to.email, report, data, to.language, this.maskedTitle(report));
  }

  /** The title without the resident's contact, or any link or address typed into it. */
  private maskedTitle(report: Report): string {
    const reporter = { email: report.reporterEmail, phone: report.reporterPhone };
    return maskPrivateDetails(report.title, {
      publicUrl: this.publicUrl,
      inboundDomain: this.inboundDomain,
      reporter,
    }).text;
  }

  /**
   * An automatic answer to the sender of a reply: in their contact's language when they are known
   * as one, else in the language of the email they answered (its recipient's).
   */
  private async answer(
    trx: Queryable,
    template:
      | 'status-words-help'
      | 'reply-expired'
      | 'reply-withdrawn'
      | 'status-word-refused'
      | 'duplicate-refused'
      | 'photos-refused'
      | 'reply-held'
      | 'reply-empty',
    to: string,
    report: Report,
    data: object,
    language: Language,
    title = report.title,
  ): Promise<void> {
    await this.mail.enqueue(trx, {
      kind: template,
      to: { email: to },
      language,
      template,
      reportId: report.id,
      headers: { ...AUTOMATIC },
      data: { ...data, report: { ...reportRef(report), title } },
    });
  }
}
