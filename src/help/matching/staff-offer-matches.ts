import type { ReportRepository } from '../../reports/repository.js';
import type { StaffReportService } from '../../staff/reports/service.js';
import type { StaffUser } from '../../staff/types.js';
import { MATCH_STATES, type MatchState } from '../types.js';
import type { HelpMatchRepository } from './repository.js';

/** One match of an offer on its staff page: the request it is for, and how far it went. */
export interface StaffOfferMatch {
  id: number;
  ref: string;
  state: MatchState;
  at: Date;
}

/**
 * Whom a volunteer helps or was asked to help, for the offer's staff page. Each request is
 * listed only to one who may open its staff page (StaffReportService.seenAmong, the check of that
 * page, on the reports read once here, with their recipients read once for the whole list):
 * a social worker of another parish does not learn of a private request outside theirs.
 */
export class StaffOfferMatches {
  constructor(
    private readonly deps: {
      matches: Pick<HelpMatchRepository, 'forOffer'>;
      reports: Pick<ReportRepository, 'byIds'>;
      staffReports: Pick<StaffReportService, 'seenAmong'>;
    },
  ) {}

  async list(user: StaffUser, offerId: number): Promise<StaffOfferMatch[]> {
    const matches = await this.deps.matches.forOffer(offerId, MATCH_STATES);
    const reports = await this.deps.reports.byIds(matches.map((match) => match.reportId));
    const seen = await this.deps.staffReports.seenAmong(user, reports);
    const byId = new Map(reports.map((report) => [report.id, report]));
    // Not counted either: a number would tell that a request they may not see exists.
    return matches.flatMap((match) => {
      const report = byId.get(match.reportId);
      return report && seen.has(report.id)
        ? [{ id: match.id, ref: report.ref, state: match.state, at: match.updatedAt }]
        : [];
    });
  }
}
