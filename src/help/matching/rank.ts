import type { Day, HelpKind, HelpOffer, HelpRequestDetails, Spoken } from '../types.js';

/** Why an offer is suggested (or not first): each reason a code the page puts in words. */
export type Reason =
  | { code: 'kinds'; kinds: HelpKind[] }
  | { code: 'no_kind' }
  | { code: 'days'; days: Day[] }
  | { code: 'ask_me' }
  | { code: 'no_day' }
  | { code: 'speaks'; speaks: Spoken[] }
  | { code: 'no_language' }
  | { code: 'load'; helping: number; capacity: number }
  | { code: 'full'; helping: number; capacity: number };

export interface RankedOffer {
  offer: HelpOffer;
  score: number;
  /** Whether it is worth proposing at all: it offers at least one kind of help asked for. */
  fits: boolean;
  /**
   * Whether the volunteer speaks a language the person speaks (or the request names none): a
   * volunteer and a person with no language in common cannot arrange anything.
   */
  speaks: boolean;
  /** The reasons in the order they rank it: the language, the help, the days, how busy. */
  reasons: Reason[];
}

const overlap = <T>(a: readonly T[], b: readonly T[]) => a.filter((item) => b.includes(item));

/** The language first: the reason, and whether one is shared (a request naming none holds none against it). */
function language(request: readonly Spoken[], offer: HelpOffer): { reason?: Reason; speaks: boolean } {
  if (request.length === 0) return { speaks: true };
  const speaks = overlap(request, offer.speaks);
  return speaks.length > 0
    ? { reason: { code: 'speaks', speaks }, speaks: true }
    : { reason: { code: 'no_language' }, speaks: false };
}

/**
 * The active offers of a request's parish, in the order a social worker would look at them, each
 * with why. The system suggests; the social worker decides. In turn:
 * 1. a language the volunteer shares with the person: one who shares none comes after every one who does;
 * 2. the help asked for: an offer of none of it after those of some;
 * 3. the place: every offer here covers the request's parish (activeCovering), and an offer knows
 *    no nearer place than its parishes, so the place orders nothing among them;
 * 4. the score: more kinds of the help asked for, a day asked for (or "ask me"), fewer people
 *    helped already (a volunteer who helps as many as they can, well after).
 * `request.speaks` are the languages of the person the help is for (the form asks which are
 * spoken, of oneself or the other person). A request that names no day or no language is not held
 * against any offer on that count.
 */
export function rankOffers(
  request: Pick<HelpRequestDetails, 'kinds' | 'days' | 'speaks'>,
  offers: readonly HelpOffer[],
  helping: ReadonlyMap<number, number>,
): RankedOffer[] {
  return offers
    .map((offer) => {
      const shared = language(request.speaks, offer);
      const reasons: Reason[] = shared.reason ? [shared.reason] : [];
      let score = 0;
      const kinds = overlap(request.kinds, offer.kinds);
      if (kinds.length > 0) {
        reasons.push({ code: 'kinds', kinds });
        score += 10 * kinds.length;
      } else reasons.push({ code: 'no_kind' });
      if (request.days.length > 0) {
        const days = overlap(request.days, offer.days);
        if (days.length > 0) {
          reasons.push({ code: 'days', days });
          score += 4;
        } else if (offer.askMe) {
          reasons.push({ code: 'ask_me' });
          score += 2;
        } else reasons.push({ code: 'no_day' });
      } else if (offer.askMe) reasons.push({ code: 'ask_me' });
      const now = helping.get(offer.id) ?? 0;
      const capacity = Math.max(1, offer.capacity);
      if (now >= capacity) {
        reasons.push({ code: 'full', helping: now, capacity });
        score -= 20;
      } else {
        reasons.push({ code: 'load', helping: now, capacity });
        score -= 3 * now;
      }
      return { offer, score, fits: kinds.length > 0, speaks: shared.speaks, reasons };
    })
    .sort(
      (a, b) =>
        Number(b.speaks) - Number(a.speaks) ||
        Number(b.fits) - Number(a.fits) ||
        b.score - a.score ||
        a.offer.id - b.offer.id,
    );
}
