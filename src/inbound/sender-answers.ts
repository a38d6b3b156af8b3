import type { Knex } from 'knex';
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
      limiter: Pick<RateLimiter, 'hitAll'>;
      settings: { domain: string };
      clock: () => Date;
    },
  ) {}

  /**
   * Whether the sender may be answered, counted in the transaction that queues the answer
   * (`trx`): a second process answering the same sender at once waits for this one's count and
   * answers nothing, and a transaction that fails counts nothing, so the answer is still given when
   * the message is tried again. Call it where the caller's other limits are counted, after them.
   */
  async may(
    trx: Knex.Transaction,
    mail: InboundMail,
    report: Pick<Report, 'id'>,
    trusted: boolean,
    notice: SenderNotice,
  ): Promise<boolean> {
    const { from } = mail;
    if (!trusted || from === '' || isAutomatic(mail)) return false;
    const domain = this.deps.settings.domain.toLowerCase();
    if (from.endsWith(`@${domain}`) || from.endsWith(`.${domain}`)) return false;
    const key = replyNoticeKey(notice, report.id, from);
    return this.deps.limiter.hitAll(trx, [{ key, limit: 1 }], ANSWER_WINDOW_MS, this.deps.clock());
  }
}
