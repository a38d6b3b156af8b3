import { isGivenName } from '../mail/inbound/given-names.js';
import { MASK } from '../mail/inbound/mask.js';
import { isAlsoWord } from './names-as-words.js';
import { equivalentNames } from './name-equivalents.js';
import { TITLES } from './name-forms.js';
import { PLACE_AFTER, placeOf, type Place } from './name-places.js';
import { nameParts } from './name-parts.js';
import { wordForms } from './name-words.js';

/*
 * A reporter's given name alone, as an answer greets them: "Labdien, Anna!", "Paldies, Jāni",
 * "Здравствуйте, Александр!" (typed Alexander), "Labdien, Mihail!" (typed Michael). The public
 * reads every answer, and a reporter who kept their name back would be named by it, beside the
 * street they reported from. Their full name is masked wherever anyone typed it (name-forms.ts);
 * the given name alone is not, as it is a word of its own too (Rasa is "dew", Jāņa iela a
 * street): so an answer's given name counts only written as a name (capitalised), and not before
 * a street, road or square named after someone.
 *
 * A form that is an ordinary word as well (names-as-words.ts: "Rasa uz ceļa sasala", "Rīt
 * aizbērsim" to a Rita, "Надежда есть") is capitalised at the start of a sentence as any word is:
 * there it counts as the name only when it is said to someone (a comma or "!" after it, or alone
 * on its line: "Rasa, paldies!", "Надежда!") or stands beside another word of the name ("Rasa
 * Ozola"). Anywhere else a capital means the name ("Paldies, Rasa", "Labdien Rasa", "ar Rasu
 * Ozolu"). A sentence that begins with the word and a comma ("Saule, lietus un vējš…") is masked
 * all the same: a name wrongly masked costs a word, a name wrongly published costs the reporter.
 *
 * A form that names a place or a date instead (mājas "Ozoli", pie Liepām, Bērziņu ciems, in May)
 * is told from the person by the words around it (name-places.ts): a stored reply keeps it unless
 * the place is certain, and a typed answer is refused for it only where it is not even probable.
 */

/** What may stand between a sentence's end (or a line's start) and its first word: "— «Rasa". */
const OPENING = /[\s"'«»„“”‘’([*•–—-]/u;
/** Said to someone: a comma or "!" after it, or nothing more on its line. */
const ADDRESSED = /^[^\S\n]*(?:[,!]|\r?\n|$)/u;
/** How far before a form another word of the name may stand (a surname is far shorter). */
const NEAR = 60;

interface GivenName {
  /** Every form of the given name (declined, in either alphabet), global. */
  pattern: RegExp;
  /** The name's other words (a surname) right before or after a form, when it has any. */
  before?: RegExp;
  after?: RegExp;
  /** Every form of the surname alone, global, when it has one. */
  surname?: RegExp;
  /** The name's words as typed, in lower case. */
  typed: string[];
}

/**
 * The word of a name that is its given name: the first given name ("Jānis" of "Jānis Kalniņš",
 * of "Kalniņš, Jānis"), or the last word when that one is a common given name and the first is
 * not ("Kalniņš Jānis"); a name of one word only when it is a common given name ("Anna"), as a
 * nickname may be any word. None for an initial or a word of two letters. `others`: its other
 * words; `surname`: those of its surname, of three letters or more.
 */
function givenWord(name: string | null): { word: string; others: string[]; surname: string[] } | undefined {
  const parts = nameParts(name);
  if (!parts) {
    const alone = (name ?? '').trim();
    return isGivenName(alone) ? { word: alone, others: [], surname: [] } : undefined;
  }
  const words = [...parts.given, ...parts.surname];
  const [first = ''] = parts.given;
  const [last = ''] = parts.surname;
  const word = !isGivenName(first) && isGivenName(last) ? last : first;
  const others = words.filter((other) => other !== word && [...other].length > 1);
  const surname = (word === first ? parts.surname : parts.given).filter((one) => [...one].length >= 3);
  return [...word].length >= 3 ? { word, others, surname } : undefined;
}

/** A word's forms in either alphabet, as one alternation. */
function formsOf(word: string): string {
  const { own, other } = wordForms(word);
  return other ? `${own}|${other}` : own;
}

/**
 * Every form of a reporter's given name (declined, in either alphabet, and of its equivalents in
 * the other languages: name-equivalents.ts), or undefined for none.
 */
function givenName(name: string | null): GivenName | undefined {
  const given = givenWord(name);
  if (!given) return undefined;
  const word = (forms: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms})(?![\\p{L}\\p{N}])${PLACE_AFTER}`, 'giu');
  const pattern = word(equivalentNames(given.word).map(formsOf).join('|'));
  const typed = [given.word, ...given.others].map((one) => one.toLowerCase());
  if (given.others.length === 0) return { pattern, typed };
  const others = given.others.map(formsOf).join('|');
  return {
    pattern,
    typed,
    before: new RegExp(`(?<![\\p{L}\\p{N}])(?:${others})\\s+$`, 'iu'),
    after: new RegExp(`^\\s+(?:${others})(?![\\p{L}\\p{N}])`, 'iu'),
    ...(given.surname.length > 0 ? { surname: word(given.surname.map(formsOf).join('|')) } : {}),
  };
}

/** Whether `text` at `at` begins a sentence (or a line): what is before it ends one, or nothing is. */
function startsSentence(text: string, at: number): boolean {
  let index = at - 1;
  while (index >= 0 && OPENING.test(text[index]!)) {
    if (text[index] === '\n') return true;
    index -= 1;
  }
  return index < 0 || /[.!?…]/u.test(text[index]!);
}

/** Whether a form of the name found at `at` names the reporter (see the rule above). */
function namesThem(text: string, found: string, at: number, name: GivenName): boolean {
  // Written as a name: its first letter a capital (the pattern matches any case).
  if (found[0] === found[0]!.toLowerCase()) return false;
  if (!isAlsoWord(found) || !startsSentence(text, at)) return true;
  const after = text.slice(at + found.length);
  if (ADDRESSED.test(after) || name.after?.test(after)) return true;
  return name.before?.test(text.slice(Math.max(0, at - NEAR), at)) ?? false;
}

/**
 * Whether a form of the surname alone names the reporter: capitalised, not at a sentence's start
 * unless said to them ("Liepa, paldies!"). A surname is as often a word as a given name is (Ozols
 * "oak", Liepa, Kalns; Smith, Baker), and an answer that begins "Ozols pie skolas…" means the
 * tree; mid-sentence a capital means a name ("Paldies Ozola kungam", "zvanīja Ozolai") or a place
 * (name-places.ts). With a title the surname is masked on every public page wherever it stands
 * (name-forms.ts, as the full name is).
 */
function surnameNames(text: string, found: string, at: number): boolean {
  if (found[0] === found[0]!.toLowerCase()) return false;
  return !startsSentence(text, at) || ADDRESSED.test(text.slice(at + found.length));
}

const TITLE_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])${TITLES.before}[^\\S\\n]+$`, 'iu');
const TITLE_AFTER = new RegExp(`^[^\\S\\n]+${TITLES.after}(?![\\p{L}\\p{N}])`, 'iu');

/**
 * A surname found with the title it is addressed by ("Ozolas kundzei", "Mr Miller"), as one: the
 * public reads "Paldies […]!", as every page masks a surname with its title (name-forms.ts).
 */
function withTitle(
  text: string,
  { found, at }: { found: string; at: number },
): { found: string; at: number } {
  const before = TITLE_BEFORE.exec(text.slice(Math.max(0, at - 20), at))?.[0] ?? '';
  const after = TITLE_AFTER.exec(text.slice(at + found.length))?.[0] ?? '';
  return { found: before + found + after, at: at - before.length };
}

/**
 * Where `text` names the reporter by their given name or their surname alone: each form as
 * written, and where, in the order they come (a form of both counts once). A form that is a place
 * or a date to the degree `places` lists is none; one with a title is the person all the same.
 */
function namings(
  text: string,
  reporterName: string | null,
  places: readonly Place[],
): { found: string; at: number }[] {
  const name = givenName(reporterName);
  if (!name) return [];
  const found = (pattern: RegExp | undefined) =>
    [...(pattern ? text.matchAll(pattern) : [])].map((match) => ({ found: match[0], at: match.index }));
  const person = ({ found, at }: { found: string; at: number }) => {
    const place = placeOf(text, found, at, name.typed);
    return place === undefined || !places.includes(place);
  };
  const given = found(name.pattern).filter(
    (match) => namesThem(text, match.found, match.at, name) && person(match),
  );
  const surname = found(name.surname)
    .filter(({ found, at }) => surnameNames(text, found, at))
    .map((match) => ({ match, titled: withTitle(text, match) }))
    .filter(({ match, titled }) => titled.found !== match.found || person(match))
    .map(({ titled }) => titled);
  const all = [...given, ...surname].sort((one, other) => one.at - other.at);
  return all.filter(
    ({ at }, index) => index === 0 || at >= all[index - 1]!.at + all[index - 1]!.found.length,
  );
}

/**
 * The first place `text` names the reporter by their given name or surname alone, as written
 * there: for a typed answer, refused for it, so a form that is probably a place does not count.
 */
export function givenNameIn(text: string, name: string | null): string | undefined {
  return namings(text, name, ['certain', 'probable'])[0]?.found;
}

/**
 * `text` with the reporter's given name or surname alone, wherever it is written as a name, put
 * as MASK; the two side by side on a line ("Rasa Ozola") as one. For a stored reply, published
 * whatever it says: a form that is only probably a place is masked too.
 */
export function maskGivenName(text: string, name: string | null): string {
  let masked = '';
  let from = 0;
  for (const { found, at } of namings(text, name, ['certain'])) {
    const between = text.slice(from, at);
    masked += from > 0 && /^[^\S\n]+$/u.test(between) && masked.endsWith(MASK) ? '' : between + MASK;
    from = at + found.length;
  }
  return masked + text.slice(from);
}
