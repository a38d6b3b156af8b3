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
  reasons: Reason[];
}

const overlap = <T>(a: readonly T[], b: readonly T[]) => a.filter((item) => b.includes(item));

/**
 * The active offers of a request's parish, in the order a social worker would look at them, each
 * with why. The system suggests; the social worker decides. A request that names no day or no
 * language is not held against any offer on that count.
 */
export function rankOffers(
  request: Pick<HelpRequestDetails, 'kinds' | 'days' | 'speaks'>,
  offers: readonly HelpOffer[],
  helping: ReadonlyMap<number, number>,
): RankedOffer[] {
  return offers
    .map((offer) => {
      const reasons: Reason[] = [];
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
      if (request.speaks.length > 0) {
        const speaks = overlap(request.speaks, offer.speaks);
        if (speaks.length > 0) {
          reasons.push({ code: 'speaks', speaks });
          score += 4;
        } else {
          reasons.push({ code: 'no_language' });
          score -= 4;
        }
      }
      const now = helping.get(offer.id) ?? 0;
      const capacity = Math.max(1, offer.capacity);
      if (now >= capacity) {
        reasons.push({ code: 'full', helping: now, capacity });
        score -= 20;
      } else {
        reasons.push({ code: 'load', helping: now, capacity });
        score -= 3 * now;
      }
      return { offer, score, fits: kinds.length > 0, reasons };
    })
    .sort((a, b) => Number(b.fits) - Number(a.fits) || b.score - a.score || a.offer.id - b.offer.id);
}
