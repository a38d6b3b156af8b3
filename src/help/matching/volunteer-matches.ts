import type { Language } from '../../i18n/index.js';
import { addLanguage } from '../../i18n/language-url.js';
import type { ReferenceService } from '../../reference/service.js';
import { writerOf, type PublicWords } from '../../reports/public-words.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { Report } from '../../reports/types.js';
import { MATCH_STATES, type HelpKind, type HelpRequestDetails, type MatchState } from '../types.js';
import type { HelpRequestRepository } from '../requests/repository.js';
import type { MatchLinks } from './links.js';
import type { HelpMatch, HelpMatchRepository } from './repository.js';
import { contactsForVolunteer, type VolunteerContacts } from './shared-contacts.js';
import { stillAsked } from './states.js';

/** A match's state as its volunteer reads it: `helpOffer.manage.matches.states.<code>`. */
export type VolunteerMatchState = 'asked' | 'saidYes' | 'saidNo' | 'shared' | 'stopped' | 'done';

/** One match of an offer, as the volunteer's own page shows it. */
export interface VolunteerMatch {
  id: number;
  state: VolunteerMatchState;
  /** When it came to this state. */
  at: Date;
  /** The person's data was erased at their request: nothing of them is shown. */
  erased: boolean;
  /** What the proposal email said of the need: the social worker's words, masked; kinds; parish. */
  need: { description: string; language: Language; kinds: HelpKind[]; parishName: string } | null;
  /** While the volunteer may still answer: the proposal email's links (fresh ones). */
  answer: { acceptUrl: string; declineUrl: string } | null;
  /** Only once both agreed: what the contacts email gave them. */
  contacts: VolunteerContacts | null;
  /** "Something not right? Tell the social worker", as every matching email to them has it. */
  concernUrl: string;
  /**
   * Who answers for the person: they themselves, or the one who asked for them (someone else's
   * request), whose consent it is. The volunteer's explanation already says either may answer.
   */
  answeredBy: 'person' | 'asker';
}

const AS_VOLUNTEER: Record<MatchState, VolunteerMatchState> = {
  proposed: 'asked',
  accepted: 'saidYes',
  declined: 'saidNo',
  agreed: 'shared',
  shared: 'shared',
  refused: 'stopped',
  cancelled: 'stopped',
  done: 'done',
};

/**
 * The matches of one offer, for the volunteer's own page (their private link): never more of the
 * person than the volunteer's emails gave. Before both agreed, the social worker's words about the
 * need, masked as the proposal email masks them, its kinds and parish; once both agreed, the
 * contact the contacts email gave; an erased person, nothing.
 */
export class VolunteerMatches {
  constructor(
    private readonly deps: {
      matches: Pick<HelpMatchRepository, 'forOffer'>;
      requests: Pick<HelpRequestRepository, 'byReportIds'>;
      reports: Pick<ReportRepository, 'byIds'>;
      reference: Pick<ReferenceService, 'parish'>;
      words: Pick<PublicWords, 'of'>;
      links: Pick<MatchLinks, 'url'>;
      clock: () => Date;
    },
  ) {}

  /** Newest first. Three queries, however many matches: theirs, their requests' reports and details. */
  async of(offerId: number, language: Language): Promise<VolunteerMatch[]> {
    const matches = await this.deps.matches.forOffer(offerId, MATCH_STATES);
    const reportIds = [...new Set(matches.map((match) => match.reportId))];
    const [reports, requests] = await Promise.all([
      this.deps.reports.byIds(reportIds),
      this.deps.requests.byReportIds(reportIds),
    ]);
    const reportOf = new Map(reports.map((report) => [report.id, report]));
    const detailsOf = new Map(requests.map((details) => [details.reportId, details]));
    const now = this.deps.clock();
    const shown = await Promise.all(
      matches.flatMap((match) => {
        const report = reportOf.get(match.reportId);
        const details = detailsOf.get(match.reportId);
        return report && details ? [this.one(match, report, details, language, now)] : [];
      }),
    );
    return shown.sort((a, b) => b.id - a.id);
  }

  private async one(
    match: HelpMatch,
    report: Report,
    details: HelpRequestDetails,
    language: Language,
    now: Date,
  ): Promise<VolunteerMatch> {
    const erased = report.erasedAt !== null;
    let state = AS_VOLUNTEER[match.state];
    // A request withdrawn, resolved or closed stops its undecided matches (within the minute):
    // said at once, as the links' own pages say it.
    if ((state === 'asked' || state === 'saidYes') && (erased || !stillAsked(report))) state = 'stopped';
    const parish = erased ? undefined : await this.deps.reference.parish(report.parishCode);
    // In the page's language, Latvian too, as an emailed link carries the email's.
    const url = (action: 'accept' | 'decline' | 'concern') =>
      addLanguage(this.deps.links.url(match.id, 'volunteer', action, now), language);
    return {
      id: match.id,
      state,
      at: match.updatedAt,
      erased,
      need: erased
        ? null
        : {
            // As the proposal email: the desk refuses a contact or a name; any written before is masked.
            description: this.deps.words.of(match.needText, writerOf(report)),
            language: match.needLanguage,
            kinds: details.kinds,
            parishName: parish?.names[language] ?? report.parishCode,
          },
      answer: state === 'asked' ? { acceptUrl: url('accept'), declineUrl: url('decline') } : null,
      contacts:
        !erased && (state === 'shared' || state === 'done')
          ? contactsForVolunteer({ report, details })
          : null,
      concernUrl: url('concern'),
      answeredBy: details.forWhom === 'other' ? 'asker' : 'person',
    };
  }
}
