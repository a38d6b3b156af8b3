import type { Knex } from 'knex';
import { CHECK_ANSWERS, HelpOfferLinks, type CheckAnswer } from './links.js';
import type { HelpOfferRepository, OfferRecord, StatusChange } from './repository.js';
import type { HelpOfferMail, StopMatches } from './service.js';
import type { OfferStatus } from '../types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every three months (91 days) an active offer is asked; unanswered for 14 days, it is paused. */
export const CHECK_SETTINGS = { askAfterDays: 91, pauseAfterDays: 14, unconfirmedKeptDays: 14 } as const;
export type CheckSettings = { -readonly [K in keyof typeof CHECK_SETTINGS]: number };

export type CheckLookup =
  | { ok: true; offer: OfferRecord; answer: CheckAnswer; answered: boolean }
  | { ok: false; reason: 'invalid' | 'expired' };

/** What each answer does, from an active offer or one paused for want of an answer. */
const ANSWERS: Record<CheckAnswer, (offer: OfferRecord, now: Date) => StatusChange> = {
  yes: (_offer, now) => ({ status: 'active', pausedAt: null, checkedAt: now, checkSentAt: null }),
  pause: (offer, now) => ({ status: 'paused', pausedAt: offer.pausedAt ?? now, checkSentAt: null }),
  withdraw: (_offer, now) => ({ status: 'withdrawn', withdrawnAt: now, checkSentAt: null }),
};
const ANSWERABLE: OfferStatus[] = ['active', 'paused'];

export interface HelpOfferCheckDeps {
  knex: Knex;
  offers: Pick<
    HelpOfferRepository,
    'byId' | 'setStatus' | 'dueForCheck' | 'unansweredChecks' | 'staleUnconfirmed' | 'deleteOffers'
  >;
  links: HelpOfferLinks;
  mail: HelpOfferMail;
  stopMatches: StopMatches;
  clock: () => Date;
  settings?: Partial<CheckSettings>;
}

/**
 * "Still available?": the scheduler runs `runDue` in one process at a time. An offer is asked
 * once per round (its `check_sent_at` marks the open question); each link answers that round
 * only, so an old email cannot undo a newer answer.
 */
export class HelpOfferCheckService {
  private readonly settings: CheckSettings;

  constructor(private readonly deps: HelpOfferCheckDeps) {
    this.settings = { ...CHECK_SETTINGS, ...deps.settings };
  }

  async runDue(limit = 200): Promise<{ asked: number; paused: number; purged: number }> {
    const { offers, clock } = this.deps;
    const now = clock();
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const unanswered = await offers.unansweredChecks(ago(this.settings.pauseAfterDays), limit);
    for (const id of unanswered) await this.pauseUnanswered(id, ago(this.settings.pauseAfterDays), now);
    const due = await offers.dueForCheck(ago(this.settings.askAfterDays), limit);
    for (const id of due) await this.ask(id, now);
    const stale = await offers.staleUnconfirmed(ago(this.settings.unconfirmedKeptDays), limit);
    await offers.deleteOffers(stale);
    return { asked: due.length, paused: unanswered.length, purged: stale.length };
  }

  private async ask(id: number, now: Date): Promise<void> {
    const { offers, links } = this.deps;
    await this.deps.knex.transaction(async (trx) => {
      const offer = await offers.byId(id, trx, true);
      if (offer?.status !== 'active' || offer.checkSentAt) return;
      await offers.setStatus(trx, id, ['active'], { checkSentAt: now }, now);
      const [yesUrl, pauseUrl, withdrawUrl] = CHECK_ANSWERS.map((answer) => links.check(id, answer, now));
      await this.deps.mail.send(trx, offer, 'help-offer-check', {
        yesUrl: yesUrl!,
        pauseUrl: pauseUrl!,
        withdrawUrl: withdrawUrl!,
        days: this.settings.pauseAfterDays,
      });
    });
  }

  private async pauseUnanswered(id: number, cutoff: Date, now: Date): Promise<void> {
    const { offers } = this.deps;
    await this.deps.knex.transaction(async (trx) => {
      const offer = await offers.byId(id, trx, true);
      if (offer?.status !== 'active' || !offer.checkSentAt || offer.checkSentAt > cutoff) return;
      // The question stays open: a late "yes" from the same email starts the offer again.
      await offers.setStatus(trx, id, ['active'], { status: 'paused', pausedAt: now }, now);
      await this.deps.mail.send(trx, { ...offer, status: 'paused', pausedAt: now }, 'help-offer-paused', {});
    });
  }

  async lookup(id: number, answer: string, token: unknown): Promise<CheckLookup> {
    const read = this.deps.links.readCheck(id, answer, token, this.deps.clock());
    if (!read.ok) return read;
    const offer = await this.deps.offers.byId(id);
    if (!offer || offer.erasedAt) return { ok: false, reason: 'invalid' };
    const open = HelpOfferLinks.isRound(read.round, offer.checkSentAt) && ANSWERABLE.includes(offer.status);
    return { ok: true, offer, answer: read.answer, answered: !open };
  }

  /** Records the answer once; an answered (or replaced) question changes nothing again. */
  async answer(id: number, answer: string, token: unknown): Promise<CheckLookup> {
    const found = await this.lookup(id, answer, token);
    if (!found.ok || found.answered) return found;
    const { offers, clock } = this.deps;
    const now = clock();
    return this.deps.knex.transaction(async (trx): Promise<CheckLookup> => {
      const offer = await offers.byId(id, trx, true);
      if (!offer || offer.checkSentAt?.getTime() !== found.offer.checkSentAt?.getTime())
        return { ...found, answered: true };
      const changed = await offers.setStatus(trx, id, ANSWERABLE, ANSWERS[found.answer](offer, now), now);
      if (changed && found.answer === 'withdraw') await this.deps.stopMatches(trx, id, 'withdrawn');
      return { ...found, offer: (await offers.byId(id, trx))!, answered: !changed };
    });
  }
}
