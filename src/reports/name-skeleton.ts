import { CYRILLIC_IN_LATIN, inLatinLetters } from './name-letters.js';
import { nameParts } from './name-parts.js';

/*
 * A looser test than the public words' masks (name-forms.ts), for a check that refuses words
 * rather than rewriting them: whether a text names someone in the other alphabet as it is spoken
 * rather than spelled letter by letter ("Петр Браун", "Питер Браун" for Peter Brown; "Pyotr
 * Ivanov", "Petram Ivanovam" for Пётр Иванов). Both are written in one Latin skeleton: Cyrillic
 * letter by letter, without marks, the usual two-letter spellings as one (sh, ch, zh, kh, ts), j and
 * y as i, w as u, c as k, doubled letters once, and щ as q, a letter of its own: Russian says сч as
 * щ, and the other alphabet writes either as šč, sč, shch or sch (Щукин: Ščukins, Shchukin,
 * Schukin; Исчезов: Isčezovs, Ischezov), none of them as a lone s or as ш and к side by side (Сукин,
 * Шукин, Пушкин are other names); a name's word then matches with its vowels loose
 * (any, or none, between its consonants) but its first letter and consonants in order, and a
 * declined ending. What this cannot see: a name whose consonants change between languages
 * (Hanna and Ганна, George and Георгий), and one nickname for another (Pēteris and Petja).
 */

// Cyrillic's hushing and hissing letters as one Latin letter each, as the skeleton writes them,
// so that a letter beside one stays its own; щ is q, which no other letter becomes (Latin's q is k).
const SPOKEN = { ...CYRILLIC_IN_LATIN, ж: 'z', ц: 'k', ч: 'k', ш: 's', щ: 'q' };
// What is spoken as щ, in either alphabet, before its letters are read one by one (šč, sč, сч,
// зч, жч: Ščukins, Isčezovs, Исчезов, извозчик, мужчина).
const SHCH = /[sšzž]č|[сзжш]ч/g;
const VOWEL = '[aeiou]';
// The endings a declined name takes after its stem (Pēterim, Braunam, Петра, Брауну, Браунах).
const ENDING = `${VOWEL}{0,3}(?:[msh]${VOWEL}{0,2})?`;

/**
 * A text in the Latin skeleton: lower case, letter by letter, nothing but a–z, digits and spaces
 * between words. `sch` is how a Latin sch before a vowel is read: as щ (`q`, Schukin), or as
 * German's ш (`s`, Schäfer → Шефер); a Latin sch before anything else is ш (Schmidt → Шмидт).
 */
export function skeleton(text: string, sch: 'q' | 's' = 'q'): string {
  const hushed = text.toLowerCase().replace(/q/g, 'k').replace(SHCH, 'щ');
  return inLatinLetters(hushed, SPOKEN)
    .replace(/shch/g, 'q')
    .replace(/sch(?=[aeiouy])/g, sch)
    .replace(/sch|sh/g, 's')
    .replace(/ch/g, 'k')
    .replace(/zh/g, 'z')
    .replace(/kh/g, 'h')
    .replace(/t[sz]/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/x/g, 'ks')
    .replace(/c/g, 'k')
    .replace(/[jy]/g, 'i')
    .replace(/w/g, 'u')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** One word of a name as a loose pattern: its stem's first letter and consonants, vowels loose. */
function loose(word: string, sch: 'q' | 's'): string | undefined {
  let stem = skeleton(word, sch).replace(/ /g, '');
  // Its ending goes (Pēteris → peter, Brauns → braun, Anna → an); a j before a vowel may be left out.
  stem = stem.length > 3 ? stem.replace(/[aeiou]{0,2}s?$|[aeiou]{1,2}$/, '') : stem;
  if (/^i[aeiou]/.test(stem)) stem = stem.slice(1);
  const runs = stem.match(/[aeiou]+|[^aeiou]/g);
  if (!runs || stem.replace(/[aeiou]/g, '').length === 0) return undefined;
  const [first, ...rest] = runs;
  const start = /[aeiou]/.test(first!) ? `i?${first![0]}${VOWEL}*` : first!;
  const parts = rest.map((run) => (/[aeiou]/.test(run) ? '' : `${VOWEL}*${run}`));
  return `${start}${parts.join('')}${VOWEL}*${ENDING}`;
}

/** Whether `text` names `name` (two words or more) in any alphabet as it is spoken, declined. */
export function namesLoosely(text: string, name: string | null): boolean {
  const parts = nameParts(name);
  if (!parts) return false;
  const full = (words: string[]) => words.filter((word) => [...word].length > 1);
  const given = full(parts.given);
  const surname = full(parts.surname);
  if (given.length === 0 || surname.length === 0) return false;
  const sequences = [
    [...given, ...surname],
    [...surname, ...given],
    [given[0]!, ...surname],
    [...surname, given[0]!],
  ];
  // A Latin sch before a vowel, in the name or the text, is read both ways (щ, or German's ш).
  const patterns = (['q', 's'] as const)
    .flatMap((sch) => sequences.map((words) => words.map((word) => loose(word, sch))))
    .filter((words): words is string[] => words.every((word) => word !== undefined))
    .map((words) => words.join(' '));
  if (patterns.length === 0) return false;
  const pattern = new RegExp(`(?<![a-z])(?:${[...new Set(patterns)].join('|')})(?![a-z])`);
  return [...new Set([skeleton(text), skeleton(text, 's')])].some((read) => pattern.test(read));
}
