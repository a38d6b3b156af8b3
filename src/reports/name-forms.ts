import { escapeRegExp } from '../mail/inbound/private-links.js';
import { TO_CYRILLIC, TO_LATIN } from './name-letters.js';
import { CYRILLIC, LATIN, VARIANT_OF, fold, stemsOf, wordForms } from './name-words.js';
import { nameParts, type NameParts } from './name-parts.js';

/**
 * A writer's full name in the forms it takes in a resident's words: declined as Latvian declines
 * it (Jānis Kalniņš, Jāņa Kalniņa, JĀNIM KALNIŅAM), with or without the marks of its letters, the
 * surname first or last, and written in the other alphabet as Russian speakers of Latgale write
 * it (Янис Калниньш, Яниса Калниньша; a name typed in Cyrillic, Иван Петров, also as Ivans
 * Petrovs). A single word ("Anna") would mask that word wherever it means something else; a full
 * name does not, so a name of one word has no forms.
 */
export interface NameForms {
  /** Every form of the full name, to replace (global). */
  pattern: RegExp;
  /**
   * Whether a text may hold the name: each word's stem is in it, or the text is written (partly)
   * in the other alphabet. Most texts hold neither, and need not pay for the pattern.
   */
  mayHold(text: string): boolean;
}

/** A word of a name as a form holds it: the word, or its first letter as an initial ("J."), or a title. */
interface Part {
  word: string;
  initial: boolean;
  /** A title the surname takes instead of a given name: before it ("Mr", "господин") or after ("kungs"). */
  title?: 'before' | 'after';
}

/**
 * The titles a surname alone is addressed with, as an answer greets its reader: "Mr Kalniņš",
 * "господину Калниньшу" before it, "Kalniņa kungs", "Ozolas kundzei" after it (in any case).
 * A surname alone is no name (it is often a word too: Liepa, Ozols), but with a title it is one.
 */
export const TITLES: Record<'before' | 'after', string> = {
  before: '(?:mr|mrs|ms|miss|dr|господин[аеу]?|госпож[аеиу]|г-н[аеу]?|г-ж[аеиу])\\.?',
  after: '(?:kung(?:s|a|am|u|i)|kundz(?:e|es|ei|i))',
};

/** The letters of a pattern (one letter's spelling in the other alphabet), less the soft sign. */
const lettersOf = (pattern: string): string[] =>
  (pattern.match(/\p{L}/gu) ?? []).filter((letter) => letter !== 'ь');

/** An initial and its full stop ("J.", "Я."), in the name's own alphabet and in the other. */
function initialForms(word: string): { own: string; other: string | undefined } {
  const letter = [...word.toLowerCase()][0]!;
  if (CYRILLIC.test(letter)) {
    const latin = TO_LATIN[letter];
    return {
      own: `${letter === 'е' || letter === 'ё' ? '[её]' : escapeRegExp(letter)}\\.`,
      other: latin ? `[${[...new Set(lettersOf(latin))].join('')}]\\.` : undefined,
    };
  }
  const pair = VARIANT_OF.get(letter);
  // J is Я, Ю, Е or Й in Russian (Jānis → Я., Jurijs → Ю.).
  const russian = letter === 'j' ? ['й', 'я', 'ю', 'е', 'ё', 'э'] : lettersOf(TO_CYRILLIC[letter] ?? '');
  return {
    own: `${letter === 'j' ? '[jy]' : pair ? `[${pair}]` : escapeRegExp(letter)}\\.`,
    other: russian.length > 0 ? `[${russian.join('')}]\\.` : undefined,
  };
}

/**
 * The sequences of words a text may name the writer by: the whole name, the surname first or last;
 * the first given name and the surname without the middle names; its initial and the surname
 * ("J. Kalniņš", "Kalniņš J."); and the surname with a title ("Kalniņa kungs", "Mr Kalniņš").
 * Each holds a full word, so initials alone ("J. K.") are none.
 */
function sequencesOf({ given, surname }: NameParts): Part[][] {
  const part = (word: string): Part => ({ word, initial: [...word].length === 1 });
  const first = given[0]!;
  const sequences = [
    [...given, ...surname],
    [...surname, ...given],
    [first, ...surname],
    [...surname, first],
  ].map((words) => words.map(part));
  const initial: Part = { word: first, initial: true };
  sequences.push([initial, ...surname.map(part)], [...surname.map(part), initial]);
  const title = (at: 'before' | 'after'): Part => ({ word: at, initial: false, title: at });
  sequences.push([title('before'), ...surname.map(part)], [...surname.map(part), title('after')]);
  const seen = new Set<string>();
  return sequences.filter((sequence) => {
    const key = sequence
      .map((one) => (one.title ? `<${one.title}>` : one.initial ? `${[...one.word][0]}.` : one.word))
      .join(' ');
    if (seen.has(key) || sequence.every((one) => one.initial)) return false;
    seen.add(key);
    return true;
  });
}

/** One sequence's pattern in each alphabet (the other when every word can be written in it). */
function sequencePatterns(sequence: Part[]): string[] {
  const forms = sequence.map((one) =>
    one.title
      ? { own: TITLES[one.title], other: TITLES[one.title] }
      : one.initial
        ? initialForms(one.word)
        : wordForms(one.word),
  );
  // After an initial's full stop the next word may follow without a space ("J.Kalniņš").
  const joined = (patterns: string[]) =>
    patterns
      .map((pattern, index) => (index === 0 ? '' : sequence[index - 1]!.initial ? '\\s*' : '\\s+') + pattern)
      .join('');
  const other = forms.map((form) => form.other);
  const own = joined(forms.map((form) => form.own));
  return other.every((form) => form !== undefined) ? [own, joined(other)] : [own];
}

/** The forms of a writer's full name, or undefined for no name or a name of one word. */
export function nameForms(name: string | null): NameForms | undefined {
  const parts = nameParts(name);
  if (!parts) return undefined;
  const sequences = sequencesOf(parts);
  const patterns = sequences.flatMap(sequencePatterns);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  // A text may hold a sequence when it holds the stems of its full words.
  const stems = sequences.map((sequence) =>
    stemsOf(sequence.filter((one) => !one.initial && !one.title).map((one) => one.word)),
  );
  const otherAlphabet = CYRILLIC.test(name!) ? LATIN : CYRILLIC;
  const hasOther = patterns.length > sequences.length;
  return {
    pattern,
    mayHold: (text) => {
      if (hasOther && otherAlphabet.test(text)) return true;
      const folded = fold(text);
      return stems.some((words) => words.every((stem) => folded.includes(stem)));
    },
  };
}
