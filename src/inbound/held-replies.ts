import type { Knex } from 'knex';
import type { ContactRepository } from '../contacts/repository.js';
import type { Language } from '../i18n/index.js';
import type { HeldReason } from '../mail/templates.js';
import type { Limit, RateLimiter } from '../ratelimit/limiter.js';
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
      limiter: Pick<RateLimiter, 'hitAll'>;
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
    const social = recipients.filter((recipient) => recipient.role === 'social_worker');
    const to = social.length > 0 ? social : await this.deps.contacts.socialWorkers(report.parishCode);
    const { mail } = message;
    await this.deps.knex.transaction(async (trx) => {
      // Counted with the notice it allows: a process holding a reply on the same report or from
      // the same client at once waits here for this one's count, and a failed try counts nothing.
      const notify = await this.deps.limiter.hitAll(trx, limits, HOUR_MS, now);
      // Its sender's answer after them, always in this order (no two holds wait for each other).
      const answer = await this.answers.may(trx, mail, report, held.sender.trusted, 'reply-held');
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
    return { outcome: 'held', reportRef: report.ref };
  }
}

/**
 * The social worker's notices of held replies, per hour: so many per report, so many per client;
 * always in this order, so that two holds at once lock their counters in the same order.
 */
function heldNoticeLimits(report: Pick<Report, 'id'>, client: string): Limit[] {
  return [
    { key: `held:report:${report.id}`, limit: HELD_NOTICES_PER_REPORT },
    { key: `held:client:${client}`, limit: HELD_NOTICES_PER_CLIENT },
  ];
}
