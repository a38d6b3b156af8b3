/**
 * A writer's name as they typed it into the name field, taken apart: the letters of its words
 * without a note in brackets or punctuation ("Jānis Kalniņš (Kaunata)", "Jānis Kalniņš."), the
 * given names and the surname, in either order ("Kalniņš, Jānis"), and an initial where they typed
 * one ("J. Kalniņš").
 */
export interface NameParts {
  /** The given names, first to last; a word of one letter is an initial. */
  given: string[];
  /** The surname's words (one, or two where "Surname, Given" put more before the comma). */
  surname: string[];
}

/** A note in brackets, closed or not: "(Kaunata)", "[mazdēls]". */
const NOTE = /\([^)]*(?:\)|$)|\[[^\]]*(?:\]|$)|\{[^}]*(?:\}|$)/gu;
/** A word: letters, with a hyphen or an apostrophe inside it (Kalniņa-Ozola, O'Brien). */
const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;
/** What ends the name and starts something else: "Jānis Kalniņš, Kaunata", "Anna Ozola - meita". */
const SEPARATOR = /,|;|\/|\||:|\s[-–—]\s|[–—]/u;

const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

/** The last word is the surname, unless it is an initial after a full word ("Kalniņš J."). */
function ordered(words: string[]): NameParts {
  const last = words.at(-1)!;
  if ([...last].length === 1 && [...words[0]!].length > 1)
    return { given: words.slice(1), surname: [words[0]!] };
  return { given: words.slice(0, -1), surname: [last] };
}

/** The parts of a name of at least two words, or undefined for none or a name of one word. */
export function nameParts(name: string | null): NameParts | undefined {
  const text = (name ?? '').replace(NOTE, ' ');
  const [first = '', second = ''] = text.split(SEPARATOR);
  const before = wordsOf(first);
  if (before.length >= 2) return ordered(before);
  const after = wordsOf(second);
  // "Kalniņš, Jānis": one word before the comma is a surname written first.
  if (before.length === 1 && after.length > 0 && text.match(SEPARATOR)?.[0] === ',')
    return { given: after, surname: before };
  const all = wordsOf(text);
  return all.length >= 2 ? ordered(all) : undefined;
}
