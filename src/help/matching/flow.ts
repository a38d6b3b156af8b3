import type { Knex } from 'knex';
import type { ReportRepository } from '../../reports/repository.js';
import type { Report } from '../../reports/types.js';
import type { HelpOffer, HelpRequestDetails, MatchState } from '../types.js';
import type { HelpMatchNotices, RequestCase } from './notices.js';
import type { Actor, HelpMatch, HelpMatchRepository, Via } from './repository.js';
import { GOING_AHEAD, UNDECIDED, stillAsked } from './states.js';

/** Where the offers and the requests come from (their own features' repositories). */
/** Offers and requests as matching reads them: with when (if ever) their person was erased. */
export interface OfferSource {
  byId(id: number, db?: Knex | Knex.Transaction): Promise<(HelpOffer & Erased) | undefined>;
}
export interface RequestSource {
  byReportId(
    reportId: number,
    db?: Knex | Knex.Transaction,
  ): Promise<(HelpRequestDetails & Erased) | undefined>;
}
interface Erased {
  erasedAt: Date | null;
}

/** What became of an answer, as the page that took it says it. */
export type AnswerResult =
  'accepted' | 'declined' | 'taken' | 'agreed' | 'refused' | 'already' | 'cancelled' | 'gone';

export interface FlowDeps {
  knex: Knex;
  matches: HelpMatchRepository;
  offers: OfferSource;
  requests: RequestSource;
  reports: Pick<ReportRepository, 'byId'>;
  notices: HelpMatchNotices;
  clock: () => Date;
  /** Days between contacts shared and "how did it go?". */
  followupDays: number;
}

const DAY_MS = 86_400_000;
/** The consent is the asker's, on someone else's behalf: the social worker's news says so. */
const forOther = (request: RequestCase) => request.details.forWhom === 'other';

/** Why a volunteer's offer went: they withdrew it, or staff erased their data (on their request). */
export type OfferGone = 'withdrawn' | 'erased';

/**
 * A match's states, and who may move it: the volunteer accepts or declines a proposal; then the
 * person (by email, or the social worker after a phone call) agrees or refuses; when both have
 * said yes the contacts are shared at once. Each move happens under the request's lock, is a row
 * of history, and tells whom it concerns.
 */
export class MatchFlow {
  constructor(private readonly deps: FlowDeps) {}

  /** A match with its offer and request, read inside `trx` after the request is locked. */
  private async load(trx: Knex.Transaction, matchId: number) {
    const found = await this.deps.matches.byId(matchId, trx);
    if (!found) return undefined;
    await this.deps.matches.lockRequest(trx, found.reportId);
    const match = (await this.deps.matches.byId(matchId, trx, true))!;
    // One after another: a transaction is one connection, which runs one query at a time (pg
    // queues the rest, and warns that it will refuse them).
    const offer = await this.deps.offers.byId(match.offerId, trx);
    const details = await this.deps.requests.byReportId(match.reportId, trx);
    const report = await this.deps.reports.byId(match.reportId, trx);
    if (!offer || !details || !report) return undefined;
    return { match, offer, request: { report, details } satisfies RequestCase };
  }

  private record(trx: Knex.Transaction, match: HelpMatch, event: HelpMatch['state'], who: Who, now: Date) {
    return this.deps.matches.addEvent(
      trx,
      { matchId: match.id, event, actor: who.actor, via: who.via, staffId: who.staffId ?? null },
      now,
    );
  }

  private async move(
    trx: Knex.Transaction,
    match: HelpMatch,
    from: readonly MatchState[],
    to: MatchState,
    who: Who,
  ) {
    const now = this.deps.clock();
    if (!(await this.deps.matches.move(trx, match.id, from, to, now))) return false;
    await this.record(trx, match, to, who, now);
    return true;
  }

  /** Stops a match whose volunteer withdrew or was erased, and tells the social worker which. */
  private async stopWithdrawn(
    trx: Knex.Transaction,
    match: HelpMatch,
    report: Report,
    why: OfferGone,
  ): Promise<boolean> {
    if (!(await this.move(trx, match, UNDECIDED, 'cancelled', { actor: 'system', via: 'system' })))
      return false;
    await this.deps.notices.news(trx, report, why);
    return true;
  }

  /**
   * A volunteer who withdrew (or was erased) since the proposal helps nobody: the match stops
   * before any contact is shared. Withdrawing stops it already (stopForOffer); this catches a
   * match proposed while the withdrawal was being made.
   */
  private async stopIfWithdrawn(trx: Knex.Transaction, loaded: Loaded): Promise<boolean> {
    if (loaded.offer.status !== 'withdrawn') return false;
    // An erased volunteer keeps no address.
    const why = loaded.offer.email ? 'withdrawn' : 'erased';
    await this.stopWithdrawn(trx, loaded.match, loaded.request.report, why);
    return true;
  }

  /**
   * A request withdrawn, resolved or closed since the proposal needs nobody: the match stops
   * before any contact is shared, and a volunteer who had said yes is told kindly (the social
   * worker, or the asker, closed it: they know).
   */
  private async stopIfClosed(trx: Knex.Transaction, loaded: Loaded): Promise<boolean> {
    if (stillAsked(loaded.request.report)) return false;
    const { match, offer } = loaded;
    const moved = await this.move(trx, match, UNDECIDED, 'cancelled', { actor: 'system', via: 'system' });
    if (moved && match.state === 'accepted')
      await this.deps.notices.cancelled(trx, match, offer, 'closed', this.deps.clock());
    return true;
  }

  /**
   * The undecided matches of requests withdrawn, resolved or closed since (the scheduler, every
   * minute): stopped, so a volunteer who said yes hears of it and is free for someone else.
   */
  async stopClosed(limit = 100): Promise<number> {
    let stopped = 0;
    for (const id of await this.deps.matches.undecidedOfClosedRequests(limit)) {
      await this.deps.knex.transaction(async (trx) => {
        const loaded = await this.load(trx, id);
        if (loaded && UNDECIDED.includes(loaded.match.state) && (await this.stopIfClosed(trx, loaded)))
          stopped += 1;
      });
    }
    return stopped;
  }

  /**
   * In the transaction that withdraws or erases an offer: stops its matches that have shared no
   * contact yet, so the social worker hears of it at once and can ask someone else, rather than
   * when the volunteer or the person next answers. Each request is locked as an answer locks it,
   * in the order of the requests, so two withdrawals cannot deadlock. A match already shared
   * stays (both sides have each other's contacts), and the social worker is told the volunteer
   * has gone, to check with the person. `why` says whether they withdrew or staff erased them.
   */
  async stopForOffer(trx: Knex.Transaction, offerId: number, why: OfferGone): Promise<number> {
    let stopped = 0;
    for (const found of await this.deps.matches.forOffer(offerId, UNDECIDED, trx)) {
      await this.deps.matches.lockRequest(trx, found.reportId);
      const match = await this.deps.matches.byId(found.id, trx, true);
      const report = match && (await this.deps.reports.byId(match.reportId, trx));
      if (report && (await this.stopWithdrawn(trx, match, report, why))) stopped += 1;
    }
    for (const shared of await this.deps.matches.forOffer(offerId, ['shared'], trx)) {
      const report = await this.deps.reports.byId(shared.reportId, trx);
      if (report) await this.deps.notices.news(trx, report, `${why}_shared`);
    }
    return stopped;
  }

  /** The volunteer's yes or no. A yes wins only if no other volunteer's yes already goes ahead. */
  volunteer(matchId: number, answer: 'accept' | 'decline'): Promise<AnswerResult> {
    const who: Who = { actor: 'volunteer', via: 'email' };
    return this.deps.knex.transaction(async (trx) => {
      const loaded = await this.load(trx, matchId);
      if (!loaded) return 'gone';
      const { match, offer, request } = loaded;
      if (match.state === 'cancelled') return 'cancelled';
      if (match.state !== 'proposed') return 'already';
      if (await this.stopIfWithdrawn(trx, loaded)) return 'gone';
      if (await this.stopIfClosed(trx, loaded)) return 'cancelled';
      const now = this.deps.clock();
      if (answer === 'decline') {
        await this.move(trx, match, ['proposed'], 'declined', who);
        await this.deps.notices.news(trx, request.report, 'declined');
        return 'declined';
      }
      const other = await this.deps.matches.goingAhead(match.reportId, trx);
      if (other && other.id !== match.id) {
        await this.move(trx, match, ['proposed'], 'cancelled', who);
        await this.deps.notices.news(trx, request.report, 'taken');
        return 'taken';
      }
      await this.move(trx, match, ['proposed'], 'accepted', who);
      const asked = await this.deps.notices.consent(trx, match, offer, request, now);
      await this.deps.notices.news(
        trx,
        request.report,
        asked ? 'accepted' : 'accepted_call',
        forOther(request),
      );
      return 'accepted';
    });
  }

  /**
   * The person's yes or no, by their email's link or through the social worker after a call. A
   * yes shares both sides' contacts in the same transaction.
   */
  person(matchId: number, answer: 'agree' | 'refuse', who: Who): Promise<AnswerResult> {
    return this.deps.knex.transaction(async (trx) => {
      const loaded = await this.load(trx, matchId);
      if (!loaded) return 'gone';
      const { match, offer, request } = loaded;
      if (match.state === 'cancelled') return 'cancelled';
      if (match.state !== 'accepted') return 'already';
      if (await this.stopIfWithdrawn(trx, loaded)) return 'cancelled';
      if (await this.stopIfClosed(trx, loaded)) return 'cancelled';
      if (answer === 'refuse') {
        await this.move(trx, match, ['accepted'], 'refused', who);
        await this.deps.notices.cancelled(trx, match, offer, 'refused', this.deps.clock());
        if (who.actor !== 'staff')
          await this.deps.notices.news(trx, request.report, 'refused', forOther(request));
        return 'refused';
      }
      await this.move(trx, match, ['accepted'], 'agreed', who);
      const now = this.deps.clock();
      const due = new Date(now.getTime() + this.deps.followupDays * DAY_MS);
      await this.deps.matches.move(trx, match.id, ['agreed'], 'shared', now, {
        sharedAt: now,
        followupDueAt: due,
      });
      await this.record(trx, match, 'shared', { actor: 'system', via: 'system' }, now);
      const emailed = await this.deps.notices.contacts(trx, match, offer, request, now);
      if (!emailed) await this.deps.notices.news(trx, request.report, 'shared_call', forOther(request));
      else if (who.actor !== 'staff')
        await this.deps.notices.news(trx, request.report, 'agreed', forOther(request));
      return 'agreed';
    });
  }

  /** The social worker stops a match that has not been shared; a volunteer who said yes is told. */
  cancel(matchId: number, staffId: number): Promise<boolean> {
    return this.deps.knex.transaction(async (trx) => {
      const loaded = await this.load(trx, matchId);
      if (!loaded) return false;
      const { match, offer } = loaded;
      const from: MatchState[] = ['proposed', 'accepted', 'agreed'];
      if (!(await this.move(trx, match, from, 'cancelled', { actor: 'staff', via: 'web', staffId })))
        return false;
      await this.deps.notices.cancelled(trx, match, offer, 'cancelled', this.deps.clock());
      return true;
    });
  }

  /** The social worker records how it ended: done, with a code for how. */
  outcome(matchId: number, staffId: number, how: 'helped' | 'not_happened' | 'need_more'): Promise<boolean> {
    return this.deps.knex.transaction(async (trx) => {
      const loaded = await this.load(trx, matchId);
      if (!loaded || loaded.match.state !== 'shared') return false;
      const now = this.deps.clock();
      await this.deps.matches.move(trx, matchId, ['shared'], 'done', now);
      const who = { matchId, actor: 'staff' as const, via: 'web' as const, staffId };
      await this.deps.matches.addEvent(trx, { ...who, event: 'outcome', detail: how }, now);
      await this.deps.matches.addEvent(trx, { ...who, event: 'done' }, now);
      return true;
    });
  }

  /** Whether this match still goes ahead for its request (none other took its place). */
  static goesAhead(state: MatchState): boolean {
    return GOING_AHEAD.includes(state);
  }
}

type Loaded = NonNullable<Awaited<ReturnType<MatchFlow['load']>>>;

/** Who moved a match, and how: the history keeps both. */
export interface Who {
  actor: Actor;
  via: Via;
  staffId?: number;
}
