import { isGivenName } from '../mail/inbound/given-names.js';
import { MASK } from '../mail/inbound/mask.js';
import { nameParts } from './name-parts.js';
import { wordForms } from './name-words.js';

/*
 * A reporter's given name alone, as an answer greets them: "Labdien, Anna!", "Paldies, Jāni",
 * "Здравствуйте, Александр!" (typed Alexander). The public reads every answer, and a reporter who
 * kept their name back would be named by it, beside the street they reported from. Their full
 * name is masked wherever anyone typed it (name-forms.ts); the given name alone is not, as it is
 * a word of its own too (Rasa is "dew", Jāņa iela a street): so an answer's given name counts only
 * written as a name (capitalised), and not before a street, road or square named after someone.
 */

// "Jāņa iela", "Annas laukums", "Pētera ceļš", "улица Яниса" written the other way round is rare.
const PLACE_AFTER = String.raw`(?!\s+(?:iel|ceļ|gatv|šosej|prospekt|bulvār|laukum|skvēr|parks|ул\.|улиц|проспект|переул|бульвар|площад|шоссе|street|road|avenue|square)\p{L}*)`;

/**
 * The word of a name that is its given name: the first given name ("Jānis" of "Jānis Kalniņš",
 * of "Kalniņš, Jānis"), or the last word when that one is a common given name and the first is
 * not ("Kalniņš Jānis"); a name of one word only when it is a common given name ("Anna"), as a
 * nickname may be any word. None for an initial or a word of two letters.
 */
function givenWord(name: string | null): string | undefined {
  const parts = nameParts(name);
  if (!parts) {
    const alone = (name ?? '').trim();
    return isGivenName(alone) ? alone : undefined;
  }
  const [first = ''] = parts.given;
  const [last = ''] = parts.surname;
  const word = !isGivenName(first) && isGivenName(last) ? last : first;
  return [...word].length >= 3 ? word : undefined;
}

/** Every form of a reporter's given name (declined, in either alphabet), or undefined for none. */
export function givenNamePattern(name: string | null): RegExp | undefined {
  const word = givenWord(name);
  if (!word) return undefined;
  const { own, other } = wordForms(word);
  const forms = other ? `${own}|${other}` : own;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms})(?![\\p{L}\\p{N}])${PLACE_AFTER}`, 'giu');
}

/** Written as a name: its first letter a capital (the pattern matches any case). */
const asName = (found: string) => found[0] !== found[0]!.toLowerCase();

/** The first place `text` names the reporter by their given name alone, as written there. */
export function givenNameIn(text: string, name: string | null): string | undefined {
  const pattern = givenNamePattern(name);
  if (!pattern) return undefined;
  for (const [found] of text.matchAll(pattern)) if (asName(found)) return found;
  return undefined;
}

/** `text` with the reporter's given name alone, wherever it is written as a name, put as MASK. */
export function maskGivenName(text: string, name: string | null): string {
  const pattern = givenNamePattern(name);
  return pattern ? text.replace(pattern, (found) => (asName(found) ? MASK : found)) : text;
}
