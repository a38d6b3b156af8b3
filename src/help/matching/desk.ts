import type { Knex } from 'knex';
import type { AuditAction, AuditValues } from '../../audit/fields.js';
import type { AuditRepository } from '../../audit/repository.js';
import { MASK } from '../../mail/inbound/mask.js';
import { writerOf, type PublicWords, type Writer } from '../../reports/public-words.js';
import type { ReportRepository } from '../../reports/repository.js';
import { namesLoosely } from '../../reports/name-skeleton.js';
import { textLanguage } from '../../reports/text-language.js';
import type { Report } from '../../reports/types.js';
import { coversParish } from '../../staff/access.js';
import type { StaffReportService } from '../../staff/reports/service.js';
import type { StaffUser } from '../../staff/types.js';
import { NotFoundError } from '../../web/errors.js';
import type { HelpOffer, HelpRequestDetails } from '../types.js';
import type { MatchFlow, OfferSource, RequestSource } from './flow.js';
import type { HelpRequestRepository } from '../requests/repository.js';
import type { HelpConcernRepository } from './concern-repository.js';
import type { HelpMatchNotices } from './notices.js';
import { givesPlace } from './place.js';
import { rankOffers, type RankedOffer } from './rank.js';
import type { HelpMatch, HelpMatchRepository, MatchEventRow } from './repository.js';
import { OPEN_STATES, stillAsked } from './states.js';

/** Why a proposal or a decision was refused, as the page says it (`helpMatch.errors.<code>`). */
export class MatchDeskError extends Error {
  constructor(
    readonly code:
      | 'offer'
      | 'paused'
      | 'parish'
      | 'twice'
      | 'need'
      | 'needPrivate'
      /** The words give the place the person typed (the volunteer learns it once both agreed). */
      | 'needPlace'
      | 'state'
      | 'ahead'
      | 'closed'
      /** The answer by phone sent with none chosen. */
      | 'choose'
      /** How it ended, sent with none of the options (only a tampered form can). */
      | 'how',
  ) {
    super(code);
    this.name = 'MatchDeskError';
  }
}

const masks = (text: string) => text.split(MASK).length - 1;

/**
 * Whether the social worker's words to a volunteer hold what only agreement may share: a phone
 * number, an email address or a private link, or the full name of the one who asked or of the
 * person the help is for (the public words' masks find each, however it is written; a name written
 * in the other alphabet as it is spoken, "Петр Браун" for Peter Brown, the looser name-skeleton.ts).
 */
export function sharesTooMuch(
  text: string,
  people: readonly Writer[],
  words: Pick<PublicWords, 'of'>,
): boolean {
  return people.some(
    (person) => masks(words.of(text, person)) > masks(text) || namesLoosely(text, person.name),
  );
}

export interface CandidateSource extends OfferSource {
  activeCovering(parishCode: string, db?: Knex | Knex.Transaction): Promise<HelpOffer[]>;
}

export interface MatchView extends HelpMatch {
  offer: HelpOffer | undefined;
  events: MatchEventRow[];
}

export interface DeskPage {
  report: Report;
  details: HelpRequestDetails;
  candidates: RankedOffer[];
  matches: MatchView[];
  concerns: { matchId: number; side: string; text: string; createdAt: Date }[];
  /** Whether a volunteer's yes already goes ahead (then no one else is proposed). */
  goingAhead: boolean;
}

/**
 * The social worker's side of matching: the offers that fit a request, ranked with reasons;
 * proposing one; stopping a match; recording a person's answer given by phone, and how it ended.
 * Only those who handle the request's parish (admins, its social worker) reach it.
 */
export class MatchDesk {
  constructor(
    private readonly deps: {
      knex: Knex;
      view: Pick<StaffReportService, 'find'>;
      reports: Pick<ReportRepository, 'byId'>;
      matches: HelpMatchRepository;
      concerns: Pick<HelpConcernRepository, 'concerns'>;
      offers: CandidateSource;
      requests: RequestSource & Pick<HelpRequestRepository, 'waiting'>;
      flow: MatchFlow;
      notices: HelpMatchNotices;
      words: Pick<PublicWords, 'of'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  /** The requests in the user's parishes that wait for a volunteer, oldest first. */
  waiting(user: StaffUser, limit: number) {
    return this.deps.requests.waiting({ parishes: user.parishes }, limit);
  }

  /** A help request the user may match: in their scope (anything else is a 404). */
  async request(user: StaffUser, ref: string): Promise<{ report: Report; details: HelpRequestDetails }> {
    const { report } = await this.deps.view.find(user, ref);
    const details = await this.deps.requests.byReportId(report.id);
    if (!details || !coversParish(user, report.parishCode)) throw new NotFoundError();
    return { report, details };
  }

  async page(user: StaffUser, ref: string): Promise<DeskPage> {
    const { report, details } = await this.request(user, ref);
    const [offers, matches] = await Promise.all([
      this.deps.offers.activeCovering(report.parishCode),
      this.deps.matches.forReport(report.id),
    ]);
    const helping = await this.deps.matches.helping(offers.map((offer) => offer.id));
    const busy = new Set(matches.filter((match) => OPEN_STATES.includes(match.state)).map((m) => m.offerId));
    const ids = matches.map((match) => match.id);
    const [events, concerns, matchOffers] = await Promise.all([
      this.deps.matches.events(ids),
      this.deps.concerns.concerns(ids),
      Promise.all(matches.map((match) => this.deps.offers.byId(match.offerId))),
    ]);
    return {
      report,
      details,
      candidates: rankOffers(
        details,
        offers.filter((offer) => !busy.has(offer.id)),
        helping,
      ),
      matches: matches.map((match, index) => ({
        ...match,
        offer: matchOffers[index],
        events: events.filter((event) => event.matchId === match.id),
      })),
      concerns,
      goingAhead: matches.some((match) => ['accepted', 'agreed', 'shared'].includes(match.state)),
    };
  }

  /** Proposes the request to one active volunteer of its parish, with the social worker's own words. */
  async propose(
    user: StaffUser,
    ref: string,
    offerId: number,
    needText: string,
    ip: string,
  ): Promise<number> {
    const { report, details } = await this.request(user, ref);
    if (!stillAsked(report)) throw new MatchDeskError('closed');
    if (!needText.trim()) throw new MatchDeskError('need');
    const person = { name: details.subjectName, email: details.subjectEmail, phone: details.subjectPhone };
    if (sharesTooMuch(needText, [writerOf(report), person], this.deps.words))
      throw new MatchDeskError('needPrivate');
    if (givesPlace(needText, report.location, `${report.title}\n${report.description}`))
      throw new MatchDeskError('needPlace');
    const offer = await this.deps.offers.byId(offerId);
    if (!offer) throw new MatchDeskError('offer');
    if (offer.status !== 'active') throw new MatchDeskError('paused');
    if (!offer.parishes.includes(report.parishCode)) throw new MatchDeskError('parish');
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      await this.deps.matches.lockRequest(trx, report.id);
      const existing = await this.deps.matches.forReport(report.id, trx);
      if (existing.some((match) => ['accepted', 'agreed', 'shared'].includes(match.state)))
        throw new MatchDeskError('ahead');
      if (existing.some((match) => match.offerId === offerId && match.state === 'proposed'))
        throw new MatchDeskError('twice');
      const id = await this.deps.matches.insert(
        trx,
        {
          reportId: report.id,
          offerId,
          needText: needText.trim(),
          // Staff write Latvian unless the text says otherwise.
          needLanguage: textLanguage(needText, 'lv'),
          staffId: user.id,
        },
        now,
      );
      const match = (await this.deps.matches.byId(id, trx))!;
      await this.deps.matches.addEvent(
        trx,
        { matchId: id, event: 'proposed', actor: 'staff', via: 'web', staffId: user.id },
        now,
      );
      await this.deps.notices.proposal(trx, match, offer, { report, details }, now);
      await this.audit(trx, user, 'help.propose', id, { report: report.ref, offer: offerId }, ip);
      return id;
    });
  }

  /** A match of a request in the user's scope, and its request's reference. */
  private async match(user: StaffUser, matchId: number): Promise<{ match: HelpMatch; ref: string }> {
    const match = Number.isSafeInteger(matchId) ? await this.deps.matches.byId(matchId) : undefined;
    if (!match) throw new NotFoundError();
    const stored = await this.deps.reports.byId(match.reportId);
    if (!stored) throw new NotFoundError();
    const { report } = await this.deps.view.find(user, stored.ref);
    if (!coversParish(user, report.parishCode)) throw new NotFoundError();
    return { match, ref: report.ref };
  }

  /** The request a match belongs to, when the user may see it (else a 404). */
  async refOfMatch(user: StaffUser, matchId: number): Promise<string> {
    return (await this.match(user, matchId)).ref;
  }

  async cancel(user: StaffUser, matchId: number, ip: string): Promise<void> {
    const { match } = await this.match(user, matchId);
    if (!(await this.deps.flow.cancel(match.id, user.id))) throw new MatchDeskError('state');
    await this.auditNow(user, 'help.cancel', match.id, { from: match.state }, ip);
  }

  /** The person said yes or no on the phone to the social worker: recorded as such. */
  async byPhone(user: StaffUser, matchId: number, answer: 'agree' | 'refuse', ip: string): Promise<void> {
    const { match } = await this.match(user, matchId);
    const result = await this.deps.flow.person(match.id, answer, {
      actor: 'staff',
      via: 'phone',
      staffId: user.id,
    });
    if (result !== 'agreed' && result !== 'refused') throw new MatchDeskError('state');
    await this.auditNow(user, 'help.consent-by-phone', match.id, { answer }, ip);
  }

  async outcome(user: StaffUser, matchId: number, how: 'helped' | 'not_happened' | 'need_more', ip: string) {
    const { match } = await this.match(user, matchId);
    if (!(await this.deps.flow.outcome(match.id, user.id, how))) throw new MatchDeskError('state');
    await this.auditNow(user, 'help.outcome', match.id, { how }, ip);
  }

  private auditNow<A extends object>(
    user: StaffUser,
    action: AuditAction,
    matchId: number,
    after: AuditValues<A>,
    ip: string,
  ) {
    return this.deps.knex.transaction((trx) => this.audit(trx, user, action, matchId, after, ip));
  }

  private audit<A extends object>(
    trx: Knex.Transaction,
    user: StaffUser,
    action: AuditAction,
    matchId: number,
    after: AuditValues<A>,
    ip: string,
  ) {
    return this.deps.audit.append(
      trx,
      { staffId: user.id, action, objectType: 'help-match', objectId: matchId, after, ip },
      this.deps.clock(),
    );
  }
}
