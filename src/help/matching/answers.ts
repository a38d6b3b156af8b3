import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import type { Language } from '../../i18n/index.js';
import { writerOf, type PublicWords } from '../../reports/public-words.js';
import type { ReportLinks } from '../../reports/links.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { HelpOfferLinks } from '../offers/links.js';
import { textLanguage } from '../../reports/text-language.js';
import type { HelpOffer, MatchState, Spoken } from '../types.js';
import type { AnswerResult, MatchFlow, OfferSource, RequestSource } from './flow.js';
import { SIDE_OF, type MatchLinks, type Side } from './links.js';
import { personDetailsShared, type PersonDetail } from './shared-contacts.js';
import type { HelpMatchNotices } from './notices.js';
import { aboutBeforeAgreement } from './before-sharing.js';
import { nameBeforeAgreement } from './notices.js';
import type { HelpConcernRepository } from './concern-repository.js';
import type { HelpMatchRepository } from './repository.js';
import { stillAsked, UNDECIDED } from './states.js';
import { resendSince, waitForResend } from '../../web/resend.js';

export type FollowupAnswer = 'helped' | 'not_happened' | 'need_more';
export const FOLLOWUP_ANSWERS: readonly FollowupAnswer[] = ['helped', 'not_happened', 'need_more'];
export const MAX_CONCERN = 2000;

/** What a link's page shows before the button is pressed: never a name, place or contact of the other side. */
export interface LinkView {
  matchId: number;
  /** The request's report: never shown, only to tell whether it is still asked. */
  reportId: number;
  state: MatchState;
  side: Side;
  /** For the volunteer: the social worker's words about the need. */
  need: string | null;
  /** The language those words are written in. */
  needLanguage: Language;
  /**
   * For the person: who offered, as they are told it before both agreed (an organisation's name
   * only), and what they wrote about themselves as the consent email gives it (no contact in it).
   */
  volunteer: { name: string | null; about: string; aboutLanguage: Language; speaks: Spoken[] } | null;
  kinds: string[];
  /**
   * For the one who asked for someone else: what of that person the volunteer receives once they
   * agree (as the consent email says it); null for a request for oneself and for the volunteer.
   */
  personShared: PersonDetail[] | null;
}

export type LinkCheck = { ok: true; view: LinkView } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The links in matching emails, as the public pages use them: each checked for its match and its
 * side before anything is read or done.
 */
export class MatchAnswers {
  constructor(
    private readonly deps: {
      knex: Knex;
      matches: HelpMatchRepository;
      concerns: Pick<HelpConcernRepository, 'addConcern' | 'sentSince'>;
      offers: OfferSource;
      requests: RequestSource;
      reports: Pick<ReportRepository, 'byId'>;
      links: MatchLinks;
      flow: MatchFlow;
      notices: HelpMatchNotices;
      words: Pick<PublicWords, 'of'>;
      /** Each side's own page, reached with the token its first email gave them. */
      offerLinks: Pick<HelpOfferLinks, 'managePath'>;
      reportLinks: Pick<ReportLinks, 'reporterToken'>;
      clock: () => Date;
    },
  ) {}

  /** The volunteer as the consent email told the person of them: the same name and masked words. */
  private volunteerAsTold(offer: HelpOffer): NonNullable<LinkView['volunteer']> {
    return {
      name: nameBeforeAgreement(offer),
      about: aboutBeforeAgreement(this.deps.words, offer),
      aboutLanguage: textLanguage(offer.about, offer.language),
      speaks: offer.speaks,
    };
  }

  async check(matchId: number, side: Side, token: unknown): Promise<LinkCheck> {
    const read = this.deps.links.read(matchId, side, token, this.deps.clock());
    if (!read.ok) return read;
    const match = await this.deps.matches.byId(matchId);
    if (!match) return { ok: false, reason: 'invalid' };
    const offer = await this.deps.offers.byId(match.offerId);
    const details = await this.deps.requests.byReportId(match.reportId);
    // A side erased on request has nothing left with the match: its own links (a concern, how it
    // went) would store new words in a name that is gone. The other side's still work.
    const erased = side === 'volunteer' ? !offer || offer.erasedAt !== null : Boolean(details?.erasedAt);
    if (erased) return { ok: false, reason: 'invalid' };
    const report = side === 'person' && details ? await this.deps.reports.byId(match.reportId) : undefined;
    return {
      ok: true,
      view: {
        matchId,
        reportId: match.reportId,
        state: match.state,
        side,
        // The desk refuses a contact in these words; any written before it did is masked.
        need: side === 'volunteer' ? this.deps.words.of(match.needText) : null,
        needLanguage: match.needLanguage,
        volunteer: side === 'person' && offer ? this.volunteerAsTold(offer) : null,
        kinds: side === 'volunteer' ? (details?.kinds ?? []) : (offer?.kinds ?? []),
        personShared: report && details ? personDetailsShared({ report, details }) : null,
      },
    };
  }

  /**
   * What a link's page shows. A request withdrawn, resolved or closed stops its undecided matches
   * (at the next answer, or within the minute): its links say so at once, without a button that
   * would only say it after.
   */
  async page(matchId: number, side: Side, token: unknown): Promise<LinkCheck> {
    const checked = await this.check(matchId, side, token);
    if (!checked.ok || !UNDECIDED.includes(checked.view.state)) return checked;
    const report = await this.deps.reports.byId(checked.view.reportId);
    // Words written before the desk refused names in them: the asker's name is masked too.
    const need =
      report && checked.view.need !== null
        ? this.deps.words.of(checked.view.need, writerOf(report))
        : checked.view.need;
    const view = { ...checked.view, need };
    if (report && stillAsked(report)) return { ok: true, view };
    return { ok: true, view: { ...view, state: 'cancelled' } };
  }

  /** A yes or a no from a link: the side is the action's own, so a link cannot answer for the other. */
  async answer(
    matchId: number,
    action: 'accept' | 'decline' | 'agree' | 'refuse',
    token: unknown,
  ): Promise<LinkCheck | { ok: true; result: AnswerResult; ownPath: string | null }> {
    const checked = await this.check(matchId, SIDE_OF[action], token);
    if (!checked.ok) return checked;
    const result =
      action === 'accept' || action === 'decline'
        ? await this.deps.flow.volunteer(matchId, action)
        : await this.deps.flow.person(matchId, action, { actor: 'person', via: 'email' });
    return { ok: true, result, ownPath: await this.ownPath(matchId, SIDE_OF[action]) };
  }

  /**
   * The answering side's own page (the volunteer's offer, the asker's request), with the token
   * they already hold from its first email; null where they have none: erased, or no email.
   */
  async ownPath(matchId: number, side: Side): Promise<string | null> {
    const match = await this.deps.matches.byId(matchId);
    if (!match) return null;
    if (side === 'volunteer') {
      const offer = await this.deps.offers.byId(match.offerId);
      return offer?.email ? this.deps.offerLinks.managePath(offer.id) : null;
    }
    const report = await this.deps.reports.byId(match.reportId);
    if (!report?.reporterEmail || report.erasedAt) return null;
    return `/reports/${report.ref}?token=${this.deps.reportLinks.reporterToken(report.ref)}`;
  }

  /**
   * A follow-up link: only for a match whose contacts were shared (no other was asked how it
   * went, though the side's token from its proposal or consent email reads the same), with the
   * answer this side already gave, if any.
   */
  async followupOf(matchId: number, side: Side, token: unknown, db: Queryable = this.deps.knex) {
    const read = this.deps.links.read(matchId, side, token, this.deps.clock());
    if (!read.ok) return read;
    const match = await this.deps.matches.byId(matchId, db);
    if (!match?.sharedAt) return { ok: false as const, reason: 'invalid' as const };
    const given = (await this.deps.matches.events([matchId], db)).find(
      (event) => event.event === 'followup_answer' && event.actor === side,
    );
    const answered = FOLLOWUP_ANSWERS.find((answer) => given?.detail === `${side}:${answer}`) ?? null;
    return { ok: true as const, answered };
  }

  /**
   * "How did it go?": recorded once per side, the first answer (a reload, a second button or two
   * presses at once change nothing); a "no" or "more" reaches the social worker.
   */
  async followup(matchId: number, side: Side, answer: FollowupAnswer, token: unknown) {
    return this.deps.knex.transaction(async (trx) => {
      // Locked first: a second answer of the same side waits, then finds the first.
      await this.deps.matches.byId(matchId, trx, true);
      const checked = await this.followupOf(matchId, side, token, trx);
      if (!checked.ok || checked.answered) return checked;
      const now = this.deps.clock();
      const match = (await this.deps.matches.byId(matchId, trx))!;
      await this.deps.matches.addEvent(
        trx,
        { matchId, event: 'followup_answer', actor: side, via: 'email', detail: `${side}:${answer}` },
        now,
      );
      if (answer !== 'helped') {
        const report = await this.deps.reports.byId(match.reportId, trx);
        if (report)
          await this.deps.notices.news(
            trx,
            report,
            answer === 'need_more' ? 'followup_need_more' : 'followup_not_happened',
          );
      }
      return checked;
    });
  }

  /**
   * The same concern sent again (Back to the form and sent once more, or a double click): the same
   * side's words about the same match, word for word, within the resend window (src/web/resend.ts).
   * It was saved and emailed the first time; sent again it is neither.
   */
  concernResent(matchId: number, side: Side, text: string, db: Queryable = this.deps.knex) {
    return this.deps.concerns.sentSince(db, { matchId, side, text }, resendSince(this.deps.clock()));
  }

  /** Words from either side, straight to the social worker; kept (and erasable) with the match. */
  async concern(matchId: number, side: Side, text: string, token: unknown) {
    const checked = await this.check(matchId, side, token);
    if (!checked.ok) return checked;
    await this.deps.knex.transaction(async (trx) => {
      // Two sends of the same words at once wait here for each other: the second finds the first.
      await waitForResend(trx, 'helpConcern', `${matchId}\n${side}\n${text}`);
      if (await this.concernResent(matchId, side, text, trx)) return;
      const now = this.deps.clock();
      const match = (await this.deps.matches.byId(matchId, trx))!;
      await this.deps.concerns.addConcern(trx, { matchId, side, text }, now);
      await this.deps.matches.addEvent(trx, { matchId, event: 'concern', actor: side, via: 'web' }, now);
      const report = await this.deps.reports.byId(match.reportId, trx);
      if (!report) return;
      // The words' language, for the social worker's email to mark; too short to tell, the writer's.
      const writer =
        side === 'person' ? report.language : (await this.deps.offers.byId(match.offerId, trx))?.language;
      await this.deps.notices.concern(trx, report, side, {
        text,
        language: textLanguage(text, writer ?? report.language),
      });
    });
    return checked;
  }
}
