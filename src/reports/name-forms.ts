import { escapeRegExp } from '../mail/inbound/private-links.js';

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

// A Latvian letter and the same letter without its mark, either way: a declined name may lose or
// gain one (Jānis, Jāņa).
const VARIANTS = ['aā', 'cč', 'eē', 'gģ', 'iī', 'kķ', 'lļ', 'nņ', 'sš', 'uū', 'zž'];
const VARIANT_OF = new Map(VARIANTS.flatMap((pair) => [...pair].map((letter) => [letter, pair])));
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
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

// How Russian writes each Latvian letter (Kalniņš → Калниньш, Bērziņš → Берзиньш, Ēriks → Эрик);
// j before a vowel is one letter there (Jānis → Янис, Jevgēņijs → Евгений).
const TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  ā: 'а',
  b: 'б',
  c: 'ц',
  č: 'ч',
  d: 'д',
  e: '[еэ]',
  ē: '[еэ]',
  f: 'ф',
  g: 'г',
  ģ: '(?:г|дь?)',
  h: 'х',
  i: '[иы]',
  ī: 'и',
  j: 'й',
  k: 'к',
  ķ: '(?:к|ть?)',
  l: 'ль?',
  ļ: 'ль?',
  m: 'м',
  n: 'н',
  ņ: 'нь?',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  š: 'ш',
  t: 'т',
  u: 'у',
  ū: 'у',
  v: 'в',
  w: 'в',
  x: 'кс',
  y: '[ыи]',
  z: 'з',
  ž: 'ж',
};
const J_VOWEL: Readonly<Record<string, string>> = {
  a: '(?:я|йа)',
  ā: '(?:я|йа)',
  e: '(?:е|йе|э)',
  ē: '(?:е|йе|э)',
  o: '(?:ё|йо|е)',
  u: '(?:ю|йу)',
  ū: '(?:ю|йу)',
};
// And how a name typed in Cyrillic is written in Latvian or English letters (Иван → Ivan, Ivans;
// Щукин → Ščukin, Shchukin).
const TO_LATIN: Readonly<Record<string, string>> = {
  а: '[aā]',
  б: 'b',
  в: '[vw]',
  г: '[gģh]',
  д: 'd',
  е: '(?:j?[eē]|ye)',
  ё: '(?:jo|yo|e)',
  ж: '(?:ž|zh)',
  з: 'z',
  и: '[iīy]',
  й: '[jiy]',
  к: '[kķ]',
  л: '[lļ]',
  м: 'm',
  н: '[nņ]',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: '[uū]',
  ф: 'f',
  х: '(?:h|ch|kh)',
  ц: '(?:c|ts)',
  ч: '(?:č|ch)',
  ш: '(?:š|sh)',
  щ: '(?:šč|shch|sch)',
  ъ: '',
  ы: '[iy]',
  ь: '',
  э: '[eē]',
  ю: '(?:j[uū]|yu)',
  я: '(?:j[aā]|ya)',
};

/** Lower case without the marks of Latvian letters, y as j (Yanis), ё as е: what the pre-check compares. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[āčēģīķļņšūž]/gu, (letter) => VARIANT_OF.get(letter)![0]!)
    .replace(/y/gu, 'j')
    .replace(/ё/gu, 'е');
}

/** A name's word (in lower case) with its ending dropped, keeping at least MIN_STEM letters. */
function stemOf(word: string): string {
  const stem = word.replace(CYRILLIC.test(word) ? CYRILLIC_ENDING : ENDING, '');
  return [...stem].length >= MIN_STEM ? stem : [...word].slice(0, MIN_STEM).join('');
}

/** One Latvian word of a name, any of its letters with or without its mark, its stem's end alternating. */
function latvian(stem: string[]): string {
  const letters = stem.map((letter, index) => {
    const alternating = index === stem.length - 1 ? ALTERNATING[letter] : undefined;
    if (alternating) return alternating;
    if (letter === 'j') return '[jy]';
    const pair = VARIANT_OF.get(letter);
    return pair ? `[${pair}]` : escapeRegExp(letter);
  });
  return `${letters.join('')}${ENDINGS}`;
}

/** The same word as Russian writes it, or undefined when a letter has no Russian spelling. */
function russian(stem: string[]): string | undefined {
  let out = '';
  for (let index = 0; index < stem.length; index += 1) {
    const letter = stem[index]!;
    const joined = letter === 'j' ? J_VOWEL[stem[index + 1] ?? ''] : undefined;
    if (joined) {
      out += joined;
      index += 1;
      continue;
    }
    const cyrillic = TO_CYRILLIC[letter];
    if (cyrillic === undefined) return undefined;
    // A stem's last й goes when the name is declined (Евгений → Евгения, Сергей → Сергею).
    out += letter === 'j' && index === stem.length - 1 ? 'й?' : cyrillic;
  }
  return `${out}${CYRILLIC_ENDINGS}`;
}

/** A Cyrillic word of a name as typed (е and ё alike), and in Latin letters with Latvian endings. */
function cyrillic(stem: string[]): { own: string; other: string | undefined } {
  const own = stem
    .map((letter) => (letter === 'е' || letter === 'ё' ? '[её]' : escapeRegExp(letter)))
    .join('');
  const latin = stem.map((letter) => TO_LATIN[letter]);
  return {
    own: `${own}${CYRILLIC_ENDINGS}`,
    other: latin.every((part) => part !== undefined) ? `${latin.join('')}${ENDINGS}` : undefined,
  };
}

/** Each word's forms in the name's own alphabet and, when it can be written so, in the other. */
function wordForms(word: string): { own: string; other: string | undefined } {
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
function stemsOf(words: string[]): string[] {
  return words
    .flatMap((word) => word.split('-'))
    .map((word) => {
      const stem = [...stemOf(word.toLowerCase())];
      return fold((ALTERNATING[stem.at(-1)!] ? stem.slice(0, -1) : stem).join(''));
    });
}

/** The forms of a writer's full name, or undefined for no name or a name of one word. */
export function nameForms(name: string | null): NameForms | undefined {
  const words = (name ?? '').trim().split(/\s+/u).filter(Boolean);
  if (words.length < 2) return undefined;
  const forms = words.map(wordForms);
  const alphabets = [forms.map((form) => form.own)];
  const other = forms.map((form) => form.other);
  if (other.every((form) => form !== undefined)) alphabets.push(other);
  // Official lists write the surname first (Kalniņa Ilze).
  const orders = alphabets.flatMap((order) => [order, [...order.slice(1), order[0]!]]);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${orders.map((order) => order.join('\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  const stems = stemsOf(words);
  const otherAlphabet = CYRILLIC.test(name!) ? LATIN : CYRILLIC;
  return {
    pattern,
    mayHold: (text) => {
      if (alphabets.length > 1 && otherAlphabet.test(text)) return true;
      const folded = fold(text);
      return stems.every((stem) => folded.includes(stem));
    },
  };
}
