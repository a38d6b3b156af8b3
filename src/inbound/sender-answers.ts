import { autoReplySignal, fromMailingList } from '../mail/inbound/classify.js';
import type { InboundMail } from '../mail/inbound/inbound-mail.js';
import { replyNoticeKey } from '../ratelimit/address-keys.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { Report } from '../reports/types.js';

// A sender who writes again and again (or a mail system that does) is told once in this window.
const ANSWER_WINDOW_MS = 10 * 60 * 1000;
/** Whether a message was written by a robot or came through a mailing list (RFC 3834, RFC 2369). */
export function isAutomatic(
  mail: Pick<InboundMail, 'headers' | 'subject' | 'from' | 'attachments'>,
): boolean {
  return autoReplySignal(mail) !== undefined || fromMailingList(mail);
}

/** What an answer to a sender tells them: each is told once in the window, apart from the other. */
export type SenderNotice = 'reply-held' | 'reply-empty';

/**
 * Whether Tilts may answer the sender of a reply it did not publish. Only a sender it may write to
 * safely (`trusted`: proven, or an address the report was sent to), never a robot, a list or one of
 * Tilts's own addresses, and once per sender, report and kind of news in ANSWER_WINDOW_MS: two mail
 * systems that answer each other must not loop, yet a reply held after an empty one is news.
 */
export class SenderAnswers {
  constructor(
    private readonly deps: {
      limiter: Pick<RateLimiter, 'hit' | 'full'>;
      settings: { domain: string };
      clock: () => Date;
    },
  ) {}

  /**
   * The window's key when the sender may be answered, counting nothing yet: the caller counts it
   * with `told` once the answer is queued, so an answer lost with a failed transaction is still
   * given when the message is tried again.
   */
  async may(
    mail: InboundMail,
    report: Pick<Report, 'id'>,
    trusted: boolean,
    notice: SenderNotice,
  ): Promise<string | undefined> {
    const { from } = mail;
    if (!trusted || from === '' || isAutomatic(mail)) return undefined;
    const domain = this.deps.settings.domain.toLowerCase();
    if (from.endsWith(`@${domain}`) || from.endsWith(`.${domain}`)) return undefined;
    const key = replyNoticeKey(notice, report.id, from);
    const full = await this.deps.limiter.full(key, 1, ANSWER_WINDOW_MS, this.deps.clock());
    return full ? undefined : key;
  }

  /** The answer `may` allowed is queued (its transaction committed): its window starts. */
  async told(key: string | undefined): Promise<void> {
    if (key !== undefined) await this.deps.limiter.hit(key, 1, ANSWER_WINDOW_MS, this.deps.clock());
  }
}
