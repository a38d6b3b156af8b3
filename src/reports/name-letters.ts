/*
 * How the letters of a name are written in the other alphabet: as patterns, for the masks
 * (name-forms.ts); and in plain Latin letters, for the demo's email addresses and the desk's
 * looser check (name-skeleton.ts).
 */

// How Cyrillic is written in plain Latin letters, one letter at a time (Щукин → shchukin,
// Жанна → zhanna, Юлия → julija), Ukrainian's own letters too (Її → jiji).
export const CYRILLIC_IN_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'jo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'j',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'ju',
  я: 'ja',
  і: 'i',
  ї: 'ji',
  є: 'je',
};

/** A text in lower-case Latin letters without marks: Cyrillic by `letters` (Jānis Ločs → janis locs, Янис → janis). */
export function inLatinLetters(text: string, letters = CYRILLIC_IN_LATIN): string {
  return [...text.toLowerCase()]
    .map((letter) => letters[letter] ?? letter)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

// How Russian writes each Latvian letter (Kalniņš → Калниньш, Bērziņš → Берзиньш, Ēriks → Эрик);
// j before a vowel is one letter there (Jānis → Янис, Jevgēņijs → Евгений).
export const TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  ā: 'а',
  b: 'б',
  c: 'ц',
  č: 'ч',
  d: 'д',
  e: '[еэё]',
  ē: '[еэё]',
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
export const J_VOWEL: Readonly<Record<string, string>> = {
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
export const TO_LATIN: Readonly<Record<string, string>> = {
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
