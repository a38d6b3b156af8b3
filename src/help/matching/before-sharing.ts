import { maskLinks } from '../../mail/inbound/mask.js';
import type { PublicWords } from '../../reports/public-words.js';
import type { HelpOffer } from '../types.js';

/**
 * The volunteer's own words as the person reads them before both agreed (the consent email, its
 * link's page): no contact, their name nowhere (the public words' masks) and no link at all, which
 * would name or reach them as surely as a phone number ("Mans Facebook: facebook.com/…").
 */
export const aboutBeforeAgreement = (
  words: Pick<PublicWords, 'of'>,
  offer: Pick<HelpOffer, 'about' | 'name' | 'email' | 'phone'>,
): string => maskLinks(words.of(offer.about, offer));
