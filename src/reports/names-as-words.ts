import { escapeRegExp } from '../mail/inbound/private-links.js';

/*
 * Given names that are ordinary words too, or whose forms are (given-name.ts counts such a form as
 * the name only where it is used as one). Hand-picked, each checked in a dictionary: Latvian Rasa
 * "dew", Liepa "linden", Saule "sun", Rīta, Rīt ("morning", "tomorrow") for a Rita, Martā ("in
 * March") for a Marta, Ilgi ("long") for an Ilga, Agri ("early") for an Agris, Jūra ("sea") for a
 * Juris; English Hope, Grace, Will, Mark, and the months April, May, June, July and August; Russian Вера "faith", Надежда "hope", Любовь "love",
 * Роза "rose", and Яма ("pothole", a form of James). A word is written as its dictionary gives it;
 * its forms are its stem (the word less its ending) and a case ending, with the marks of its
 * letters as written (Rita has no ī: Rīt is a word, Rit a name); a stem that changes when
 * declined is listed as a form of its own (viļņi).
 */

// prettier-ignore
const LATVIAN: readonly string[] = [
  'agrs', 'aina', 'augusts', 'ausma', 'austra', 'daina', 'dzintars', 'ieva', 'ilgs', 'jūlijs',
  'jūra', 'laima', 'liepa', 'līga', 'lilija', 'maijs', 'marts', 'rasa', 'rīt', 'rīts', 'rota',
  'roze', 'sarma', 'saule', 'vēsma', 'vilnis', 'viļņi', 'ziedonis', 'zīle',
];
// Whole words, as English does not decline them (Hope, Hopes, Hope's).
// prettier-ignore
const ENGLISH: readonly string[] = [
  'april', 'art', 'august', 'bill', 'daisy', 'dawn', 'faith', 'frank', 'grace', 'hope', 'iris',
  'jack', 'joy', 'july', 'june', 'lily', 'mark', 'may', 'pat', 'ray', 'rob', 'rose', 'sue', 'will',
];
// prettier-ignore
const RUSSIAN: readonly string[] = [
  'вера', 'лев', 'лилия', 'любовь', 'надежда', 'роза', 'роман', 'слава', 'яма',
];

// A Latvian word's ending, dropped to find its stem (rasa → ras, vilnis → viln, rīts → rīt).
const LATVIAN_ENDING = /(?:is|us|s|š|a|e|i|u)$/u;
// The endings a Latvian noun or adjective takes, in any case and number (rasas, rasā, saulē, liepām).
const LATVIAN_ENDINGS = '(?:a|ai|am|as|ā|ām|ās|e|ei|es|ē|ēm|ēs|i|iem|is|ī|im|o|os|s|š|u|us|ū|ūm)?';
const RUSSIAN_ENDING = /[аяеоиыьй]$/u;
const RUSSIAN_ENDINGS = '(?:а|ам|ами|ах|е|ей|ем|ём|и|ию|ия|ой|ою|ом|ов|у|ы|ь|ью|ю|я|ям|ями|ях)?';

const stems = (words: readonly string[], ending: RegExp) =>
  words.map((word) => escapeRegExp(word.replace(ending, ''))).join('|');

const WORD = new RegExp(
  `^(?:(?:${stems(LATVIAN, LATVIAN_ENDING)})${LATVIAN_ENDINGS}` +
    `|(?:${ENGLISH.map(escapeRegExp).join('|')})(?:['’]?s)?` +
    `|(?:${stems(RUSSIAN, RUSSIAN_ENDING)})${RUSSIAN_ENDINGS})$`,
  'u',
);

/** Whether a form of a name, as an answer writes it ("Rasa", "Rīt", "Надежда"), is a word too. */
export function isAlsoWord(found: string): boolean {
  return WORD.test(found.toLowerCase());
}
