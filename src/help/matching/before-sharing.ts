import { MASK } from '../../mail/inbound/mask.js';
import { splitTrailingPunctuation } from '../../mail/inbound/private-links.js';
import type { PublicWords } from '../../reports/public-words.js';
import type { HelpOffer } from '../types.js';

// The end of a link: anything up to a space or a character a link does not hold unescaped.
const REST = String.raw`[^\s<>"'\x60{}|\\^[\]]*`;
// Top-level names a site is given alone ("sergejs.lv"); with a path any name is a link.
const SITE_NAMES = 'lv|lt|ee|ru|by|ua|eu|com|net|org|info|me|io|ly|de|uk|app|page|site|online';

/**
 * Every link in a text, public or not: with a scheme, from www., or bare with a path
 * ("facebook.com/sergejs.ivanovs", "t.me/sergejs", "vk.com/id1") or a site's name alone
 * ("sergejs.lv"). Not inside an email address or a longer word.
 */
const LINK = new RegExp(
  String.raw`(?<![\p{L}\p{N}@._/-])(?:(?:https?://|www\.)[^\s<>"'\x60]${REST}|(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/${REST}|(?:[\p{L}\p{N}-]+\.)+(?:${SITE_NAMES})(?![\p{L}\p{N}.@-]))`,
  'giu',
);

/** `text` with every link masked, the punctuation after one kept ("facebook.com/x." is "[…]."). */
export function maskLinks(text: string): string {
  return text.replace(LINK, (link) => MASK + splitTrailingPunctuation(link)[1]);
}

/**
 * The volunteer's own words as the person reads them before both agreed (the consent email, its
 * link's page): no contact, their name nowhere (the public words' masks) and no link at all, which
 * would name or reach them as surely as a phone number ("Mans Facebook: facebook.com/…").
 */
export const aboutBeforeAgreement = (
  words: Pick<PublicWords, 'of'>,
  offer: Pick<HelpOffer, 'about' | 'name' | 'email' | 'phone'>,
): string => maskLinks(words.of(offer.about, offer));
