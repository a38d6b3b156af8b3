import { escapeRegExp } from '../mail/inbound/private-links.js';
import { J_VOWEL, TO_CYRILLIC, TO_LATIN } from './name-letters.js';

/*
 * One word of a name in every form it takes (name-forms.ts puts the words of a full name together):
 * declined as Latvian declines it, with or without the marks of its letters, spelt the English way
 * too, and written in the other alphabet as Russian speakers of Latgale write it.
 */

// A Latvian letter and the same letter without its mark, either way: a declined name may lose or
// gain one (Jānis, Jāņa).
const VARIANTS = ['aā', 'cč', 'eē', 'gģ', 'iī', 'kķ', 'lļ', 'nņ', 'sš', 'uū', 'zž'];
export const VARIANT_OF = new Map(VARIANTS.flatMap((pair) => [...pair].map((letter) => [letter, pair])));
export const CYRILLIC = /\p{Script=Cyrillic}/u;
export const LATIN = /\p{Script=Latin}/u;
// What a name's ending may be: dropped to find its stem (Jānis → Jān, Kalniņš → Kalniņ, Анна → Анн).
const ENDING = /[aeiouāēīūsš]{1,2}$/u;
const CYRILLIC_ENDING = /[аеёиоуыэюяйь]{1,2}$/u;
const MIN_STEM = 3;
// The endings a declined name takes on its stem (Jāņa, Jānim, Kalniņam; Янису, Калниньша, Петровым).
const ENDINGS = '[aeiouāēīūsšm]{0,3}';
const CYRILLIC_ENDINGS = '[аеёиоуыэюяйьмшсх]{0,3}';

// The consonant at the end of a stem that changes when the name is declined (Dāvis → Dāvja,
// Gulbis → Gulbja, Briedis → Brieža, Kalnietis → Kalnieša); s, z, c, l and n change by their mark.
const ALTERNATING: Readonly<Record<string, string>> = {
  b: 'bj?',
  p: 'pj?',
  m: 'mj?',
  v: 'vj?',
  f: 'fj?',
  t: '[tš]',
  d: '[dž]',
};

/**
 * Lower case without the marks of Latvian letters, y as j (Yanis), ё as е, and English spellings
 * as Latvian's (x as ks, ph as f, w as v, th and ch as t and c, c as k, a doubled letter once):
 * what the pre-check compares, as loose as the patterns (LATIN_SPELLINGS) or looser.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[āčēģīķļņšūž]/gu, (letter) => VARIANT_OF.get(letter)![0]!)
    .replace(/y/gu, 'j')
    .replace(/ё/gu, 'е')
    .replace(/x/gu, 'ks')
    .replace(/ph/gu, 'f')
    .replace(/qu/gu, 'kv')
    .replace(/w/gu, 'v')
    .replace(/([cktsz])h/gu, '$1')
    .replace(/c/gu, 'k')
    .replace(/(\p{L})\1/gu, '$1');
}

/** A name's word (in lower case) with its ending dropped, keeping at least MIN_STEM letters. */
function stemOf(word: string): string {
  const stem = word.replace(CYRILLIC.test(word) ? CYRILLIC_ENDING : ENDING, '');
  return [...stem].length >= MIN_STEM ? stem : [...word].slice(0, MIN_STEM).join('');
}

/** One Latin letter as a Latvian name may write it: with or without its mark, j as y too. */
function latinLetter(letter: string): string {
  if (letter === 'j') return '[jy]';
  if (letter === 'w' || letter === 'v') return '[vw]';
  const pair = VARIANT_OF.get(letter);
  return pair ? `[${pair}]` : escapeRegExp(letter);
}

/*
 * How English and Latvian spell the same sounds of a name (Alexander and Aleksandrs, Smith and
 * Smits, Christopher and Kristofers, Philip and Filips): a rule for each spelling, either way,
 * rather than a list of names. Longest first; each is its letters as typed, or the other spelling.
 */
const VOWEL = /[aeiouyāēīū]/u;
const LATIN_SPELLINGS: readonly (readonly [string, string])[] = [
  ['ch', '[kčh]'],
  ['ck', 'k'],
  ['ks', 'x'],
  ['ph', 'f'],
  ['qu', 'kv'],
  ['kv', 'qu'],
  ['th', 't'],
  ['x', 'ks'],
  ['f', 'ph'],
  ['k', 'ch|ck|c'],
  ['t', 'th'],
];

/**
 * One Latvian word of a name, any of its letters with or without its mark, its stem's end
 * alternating; spelt the English way too (LATIN_SPELLINGS), a doubled letter written once, and a
 * last "er" or consonant and "r" with or without the e (Alexander, Aleksandrs; Peter, Pēteris).
 */
function latvian(stem: string[]): string {
  // "er" or "r" at the end, after a consonant: English writes the e, Latvian and Russian do not.
  const last = stem.length - 1;
  const er = last >= 2 && stem[last] === 'r' && !VOWEL.test(stem[last - 1]!);
  const englishE = last >= 2 && stem[last] === 'r' && (stem[last - 1] === 'e' || stem[last - 1] === 'ē');
  const letters: string[] = [];
  for (let index = 0; index < stem.length; index += 1) {
    const letter = stem[index]!;
    const alternating = index === last ? ALTERNATING[letter] : undefined;
    const spelling = LATIN_SPELLINGS.find(
      ([latin]) =>
        index + latin.length <= last + 1 && stem.slice(index, index + latin.length).join('') === latin,
    );
    // A stem's last letter alternates when declined (Smits → Smiša) or is spelt the English way (Smith).
    if (alternating)
      letters.push(spelling?.[0] === letter ? `(?:${alternating}|${spelling[1]})` : alternating);
    else if (englishE && index === last - 1) letters.push('[eē]?');
    else if (er && index === last) letters.push(`[eē]?${latinLetter(letter)}`);
    else if (spelling) {
      const [latin, other] = spelling;
      letters.push(`(?:${[...latin].map(latinLetter).join('')}|${other})`);
      index += latin.length - 1;
    } else if (letter === stem[index - 1] && !VOWEL.test(letter)) letters.push(`${latinLetter(letter)}?`);
    else letters.push(latinLetter(letter));
  }
  return `${letters.join('')}${ENDINGS}`;
}

// Letters Latin spells with two or more, in Latvian (Ščukins) or English (Shchukin, Shishkin,
// Zhukov, Mikhail, Tsvetkov): one Russian letter, or each letter on its own (a name may truly hold
// them one after the other). Longest first.
const SPELLED_WITH_SEVERAL: readonly (readonly [string, string])[] = [
  ['shch', 'щ'],
  ['šč', 'щ'],
  ['sh', 'ш'],
  ['ch', '[чхк]'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  // English (Smith → Смит, Philip → Филип, Jack → Джек).
  ['th', 'т'],
  ['ph', 'ф'],
  ['ck', 'к'],
];

/** The same word as Russian writes it, or undefined when a letter has no Russian spelling. */
function russian(stem: string[]): string | undefined {
  let out = '';
  for (let index = 0; index < stem.length; index += 1) {
    const letter = stem[index]!;
    // j or y before a vowel is one letter there (Jānis → Янис, Yuri → Юрий).
    const joined = letter === 'j' || letter === 'y' ? J_VOWEL[stem[index + 1] ?? ''] : undefined;
    if (joined) {
      out += joined;
      index += 1;
      continue;
    }
    const several = SPELLED_WITH_SEVERAL.find(
      ([latin]) => stem.slice(index, index + latin.length).join('') === latin,
    );
    if (several) {
      const [latin, one] = several;
      out += `(?:${one}|${[...latin].map((part) => TO_CYRILLIC[part]).join('')})`;
      index += latin.length - 1;
      continue;
    }
    const cyrillic = TO_CYRILLIC[letter];
    if (cyrillic === undefined) return undefined;
    // A stem's last й goes when the name is declined (Евгений → Евгения, Сергей → Сергею); the e
    // of a last "er" is not written in Russian (Alexander → Александр, Peter → Пётр).
    const last = index === stem.length - 1;
    const englishEr = (letter === 'e' || letter === 'ē') && index === stem.length - 2 && stem.at(-1) === 'r';
    out += letter === 'j' && last ? 'й?' : englishEr ? `(?:${cyrillic})?` : cyrillic;
  }
  return `${out}${CYRILLIC_ENDINGS}`;
}

/** A Cyrillic word of a name as typed (е and ё alike), and in Latin letters with Latvian endings. */
function cyrillic(stem: string[]): { own: string; other: string | undefined } {
  const own = stem
    .map((letter) => (letter === 'е' || letter === 'ё' ? '[её]' : escapeRegExp(letter)))
    .join('');
  const latin: (string | undefined)[] = [];
  for (let index = 0; index < stem.length; index += 1) {
    const letter = stem[index]!;
    // English writes кс as x (Александр → Alexander), and an e before a last р after a consonant.
    if (letter === 'к' && stem[index + 1] === 'с') {
      latin.push('(?:[kķ]s|x)');
      index += 1;
    } else if (index === stem.length - 1 && letter === 'р' && !/[аеёиоуыэюя]/u.test(stem[index - 1] ?? 'а'))
      latin.push('[eē]?r');
    else latin.push(TO_LATIN[letter]);
  }
  return {
    own: `${own}${CYRILLIC_ENDINGS}`,
    other: latin.every((part) => part !== undefined) ? `${latin.join('')}${ENDINGS}` : undefined,
  };
}

/** Each word's forms in the name's own alphabet and, when it can be written so, in the other. */
export function wordForms(word: string): { own: string; other: string | undefined } {
  // Each part of a double surname (Kalniņa-Ozola) takes its own ending.
  const parts = word.split('-').map((part) => [...stemOf(part.toLowerCase())]);
  if (CYRILLIC.test(word)) {
    const forms = parts.map(cyrillic);
    const other = forms.map((form) => form.other);
    return {
      own: forms.map((form) => form.own).join('-'),
      other: other.every((form) => form !== undefined) ? other.join('-') : undefined,
    };
  }
  const other = parts.map(russian);
  return {
    own: parts.map(latvian).join('-'),
    other: other.every((form) => form !== undefined) ? other.join('-') : undefined,
  };
}

/**
 * The beginning each word of a name keeps in all its forms in its own alphabet: its stem, less the
 * last letter when that may change (Dāvis → Dāvja), folded.
 */
export function stemsOf(words: string[]): string[] {
  return words
    .flatMap((word) => word.split('-'))
    .map((word) => {
      const stem = [...stemOf(word.toLowerCase())];
      const folded = fold((ALTERNATING[stem.at(-1)!] ? stem.slice(0, -1) : stem).join(''));
      // A last "er" or "r" may be written either way (Alexander, Aleksandrs): left out here.
      const loose = LATIN.test(folded) ? folded.replace(/e?r$/u, '') : folded;
      return [...loose].length >= MIN_STEM ? loose : folded;
    });
}
