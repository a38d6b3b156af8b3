import type { Knex } from 'knex';
import type { ReportRepository } from '../../reports/repository.js';
import type { OfferSource, RequestSource } from './flow.js';
import type { HelpMatchNotices } from './notices.js';
import type { HelpMatchRepository } from './repository.js';

/**
 * "How did it go?": some days after contacts were shared, both sides are asked once (helped / did
 * not happen / need more help). The scheduler runs it in one process at a time, and a match is
 * marked asked in the same transaction as its emails, so nobody is asked twice.
 */
export class MatchFollowups {
  constructor(
    private readonly deps: {
      knex: Knex;
      matches: HelpMatchRepository;
      offers: OfferSource;
      requests: RequestSource;
      reports: Pick<ReportRepository, 'byId'>;
      notices: HelpMatchNotices;
      clock: () => Date;
    },
  ) {}

  async sendDue(limit = 100): Promise<number> {
    const now = this.deps.clock();
    let sent = 0;
    for (const id of await this.deps.matches.followupsDue(now, limit)) {
      await this.deps.knex.transaction(async (trx) => {
        if (!(await this.deps.matches.followupSent(trx, id, now))) return;
        const match = (await this.deps.matches.byId(id, trx))!;
        // One after another: a transaction is one connection, which runs one query at a time (pg
        // queues the rest, and warns that it will refuse them).
        const offer = await this.deps.offers.byId(match.offerId, trx);
        const details = await this.deps.requests.byReportId(match.reportId, trx);
        const report = await this.deps.reports.byId(match.reportId, trx);
        if (!offer || !details || !report) return;
        await this.deps.notices.followup(trx, match, offer, { report, details }, now);
        await this.deps.matches.addEvent(
          trx,
          { matchId: id, event: 'followup_sent', actor: 'system', via: 'system' },
          now,
        );
        sent += 1;
      });
    }
    return sent;
  }
}
