import type { Knex } from 'knex';
import type { Recipient, Report } from '../reports/types.js';
import type { Language } from '../i18n/index.js';
import type { TimelineRepository } from '../timeline/repository.js';
import type { ReportUpdateService } from '../timeline/service.js';
import type { InboundResult, Received } from './handled.js';
import type { InboundNotices } from './notices.js';
import type { InboundRepository } from './repository.js';
import type { SenderProof } from './sender-proof.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// How a message that was answered is settled: a sender is answered once per report for each.
const EXPIRED_ANSWERED = { outcome: 'expired', detail: 'answered' } as const;
const WITHDRAWN_ANSWERED = { outcome: 'applied', detail: 'withdrawn; answered' } as const;

/** What every settled reply records of itself. */
type Settled = { reportId: number; senderProof: string; fromEmail: string; subject: string };

/**
 * Replies to a report that takes no answers: one closed longer ago than its reply addresses live,
 * or one its resident withdrew. A proven sender is told so, once per report.
 */
export class ClosedReports {
  constructor(
    private readonly deps: {
      knex: Knex;
      inbound: Pick<InboundRepository, 'settle' | 'answered'>;
      notices: Pick<InboundNotices, 'replyExpired' | 'replyWithdrawn'>;
      timeline: Pick<TimelineRepository, 'closedAt'>;
      updates: Pick<ReportUpdateService, 'recordRecipientUpdate'>;
      settings: { replyAddressDays: number };
      clock: () => Date;
    },
  ) {}

  /** Closed longer ago than REPLY_ADDRESS_DAYS: its addresses take no answers any more. */
  async expired(report: Report, now: Date): Promise<boolean> {
    if (report.status !== 'resolved' && report.status !== 'closed') return false;
    const closedAt = await this.deps.timeline.closedAt(report.id);
    return (
      closedAt !== null && now.getTime() - closedAt.getTime() > this.deps.settings.replyAddressDays * DAY_MS
    );
  }

  async expiredReply(
    message: Received,
    report: Report,
    { proof, language, staff }: { proof: SenderProof; language: Language; staff: boolean },
    settled: Settled,
  ): Promise<InboundResult> {
    const { from } = message.mail;
    const now = this.deps.clock();
    // One polite answer per sender and report, and only to a proven sender: an answer to a forged
    // From would be mail to a stranger.
    const answer =
      proof.proven && from !== '' && !(await this.deps.inbound.answered(report.id, from, EXPIRED_ANSWERED));
    await this.deps.knex.transaction(async (trx) => {
      if (answer) await this.deps.notices.replyExpired(trx, { email: from, language, staff }, report);
      const detail = answer ? EXPIRED_ANSWERED.detail : 'not answered';
      await this.deps.inbound.settle(trx, message.id, { outcome: 'expired', detail, ...settled }, now);
    });
    return { outcome: 'expired', reportRef: report.ref };
  }

  /**
   * The resident withdrew the report: a reply to it is kept as a note for staff (a status word in
   * it changes nothing), and its sender is told once that it was neither published nor sent on.
   */
  async withdrawnReply(
    message: Received,
    report: Report,
    recipient: Recipient,
    text: string,
    settled: Settled,
  ): Promise<InboundResult> {
    const { from } = message.mail;
    const now = this.deps.clock();
    const answer = !(await this.deps.inbound.answered(report.id, from, WITHDRAWN_ANSWERED));
    await this.deps.knex.transaction(async (trx) => {
      const { updateId } = await this.deps.updates.recordRecipientUpdate(trx, report.id, {
        recipient,
        channel: 'email',
        internalNote: text,
      });
      // The sender is one of the report's recipients or its parish's staff: in their contact's language.
      if (answer)
        await this.deps.notices.replyWithdrawn(trx, { email: from, language: recipient.language }, report);
      const detail = answer ? WITHDRAWN_ANSWERED.detail : 'withdrawn';
      await this.deps.inbound.settle(
        trx,
        message.id,
        { ...settled, outcome: 'applied', detail, updateId },
        now,
      );
    });
    return { outcome: 'applied', reportRef: report.ref };
  }
}
