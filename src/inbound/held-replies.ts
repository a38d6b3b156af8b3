import type { Knex } from 'knex';
import type { ContactRepository } from '../contacts/repository.js';
import type { Language } from '../i18n/index.js';
import type { HeldReason } from '../mail/templates.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { Recipient, Report } from '../reports/types.js';
import type { InboundResult, Received } from './handled.js';
import type { InboundNotices } from './notices.js';
import type { InboundRepository } from './repository.js';
import { SenderAnswers } from './sender-answers.js';

const HOUR_MS = 60 * 60 * 1000;
const MAX_HELD_TEXT = 5000;
// Held replies email the social worker; a flood of them must not flood her.
const HELD_NOTICES_PER_REPORT = 5;
const HELD_NOTICES_PER_CLIENT = 20;

/** Replies to a report's address that wait for the social worker, and her notice of each. */
export class HeldReplies {
  private readonly answers: SenderAnswers;

  constructor(
    private readonly deps: {
      knex: Knex;
      inbound: Pick<InboundRepository, 'settle'>;
      contacts: Pick<ContactRepository, 'socialWorkers'>;
      notices: Pick<InboundNotices, 'heldReply' | 'replyHeld'>;
      limiter: Pick<RateLimiter, 'hit' | 'full'>;
      settings: { domain: string };
      clock: () => Date;
    },
  ) {
    this.answers = new SenderAnswers(deps);
  }

  /**
   * Kept and shown to the social worker; never public, never sent to the reporter. Its sender is
   * told it was not published, and why, when they are one Tilts may write to (`sender.trusted`:
   * proven, or an address the report was sent to) in the language of the email they answered.
   */
  async hold(
    message: Received,
    report: Report,
    recipients: Recipient[],
    held: {
      text: string;
      reason: { code: HeldReason; detail: string };
      settled: Record<string, unknown> & { reportId: number };
      sender: { trusted: boolean; language: Language; staff: boolean };
    },
  ): Promise<InboundResult> {
    const now = this.deps.clock();
    const limits = heldNoticeLimits(report, message.envelope?.clientIp ?? 'webhook');
    const notify = await this.mayNotify(limits, now);
    const social = recipients.filter((recipient) => recipient.role === 'social_worker');
    const to = social.length > 0 ? social : await this.deps.contacts.socialWorkers(report.parishCode);
    const { mail } = message;
    const answer = await this.answers.may(mail, report, held.sender.trusted, 'reply-held');
    await this.deps.knex.transaction(async (trx) => {
      if (notify)
        await this.deps.notices.heldReply(trx, report, to, {
          inboundId: message.id,
          from: message.mail.from || '?',
          text: held.text.slice(0, MAX_HELD_TEXT),
          reason: held.reason,
        });
      if (answer)
        await this.deps.notices.replyHeld(
          trx,
          { email: mail.from, language: held.sender.language, staff: held.sender.staff },
          report,
          held.reason.code,
        );
      const reason = `${held.reason.code}: ${held.reason.detail}`;
      const detail = notify ? reason : `${reason}; no notice (rate limit)`;
      await this.deps.inbound.settle(trx, message.id, { ...held.settled, outcome: 'held', detail }, now);
    });
    if (notify) await this.notified(limits);
    await this.answers.told(answer);
    return { outcome: 'held', reportRef: report.ref };
  }

  /**
   * Whether every limit has a notice left, counting nothing: `notified` counts the notice once
   * its transaction committed, so a try that failed (and is tried again) uses none of them.
   * A process reads its messages one at a time (InboundService), so within one the limits are
   * exact; processes that check at once may each pass a limit's last notice, so the social
   * worker may get a notice or two past it, where counting first lost one at every failed try.
   */
  private async mayNotify(limits: readonly HeldNoticeLimit[], now: Date): Promise<boolean> {
    for (const { key, limit } of limits) {
      if (await this.deps.limiter.full(key, limit, HOUR_MS, now)) return false;
    }
    return true;
  }

  /** The notice `mayNotify` allowed is queued: it counts against every limit. */
  private async notified(limits: readonly HeldNoticeLimit[]): Promise<void> {
    const now = this.deps.clock();
    for (const { key, limit } of limits) await this.deps.limiter.hit(key, limit, HOUR_MS, now);
  }
}

interface HeldNoticeLimit {
  key: string;
  limit: number;
}

/** The social worker's notices of held replies, per hour: so many per report, so many per client. */
function heldNoticeLimits(report: Pick<Report, 'id'>, client: string): HeldNoticeLimit[] {
  return [
    { key: `held:report:${report.id}`, limit: HELD_NOTICES_PER_REPORT },
    { key: `held:client:${client}`, limit: HELD_NOTICES_PER_CLIENT },
  ];
}
