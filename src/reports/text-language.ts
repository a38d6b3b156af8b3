import { franc } from 'franc';
import type { Language } from '../i18n/index.js';

const CODES: Readonly<Record<string, Language>> = { lvs: 'lv', rus: 'ru', eng: 'en' };
// Trigram statistics need a few words; anything shorter ("OK", "Paldies") keeps the writer's default.
const MIN_LENGTH = 8;
const LATVIAN_LETTER = /[āčēģīķļņšūž]/iu;
const WORD = /\p{L}/u;
// Addresses, links and numbers are in no language: a Russian sentence ending in an email address
// was read as English by the trigrams of its Latin letters.
const NO_LANGUAGE = /\S*@\S*|(?:https?:\/\/|www\.)\S+|\p{N}+/gu;
const LETTERS = /\p{L}/gu;
const CYRILLIC = /\p{Script=Cyrillic}/gu;

/**
 * Whether a text is written in Cyrillic: of the three languages only Russian is, so a third of its
 * letters is enough (a Latin name or two in a Russian sentence), however short the text; a Latvian
 * sentence quoting a name in Cyrillic (Иван Петров) is not.
 */
function cyrillic(text: string): boolean {
  const cyrillicLetters = text.match(CYRILLIC)?.length ?? 0;
  return cyrillicLetters > 0 && cyrillicLetters * 3 >= (text.match(LETTERS)?.length ?? 0);
}

/**
 * Whether a text's own letters say it is Latvian: at least one word in four has a letter only
 * Latvian writes (ā, č, ņ…). A short answer ("Fonārs nomainīts, skat. foto.") can look English to
 * trigram statistics; an English sentence naming a Latvian place ("The road to Bērzgale") cannot
 * pass this.
 */
function markedLatvian(text: string): boolean {
  const words = text.split(/\s+/u).filter((word) => WORD.test(word));
  const marked = words.filter((word) => LATVIAN_LETTER.test(word)).length;
  return marked > 0 && marked * 4 >= words.length;
}

// Words a short English answer nearly always holds. Trigrams take a few Latvian words written
// without their letters ("Bedre salabota.") for English, which none of these are.
const ENGLISH_WORDS = new Set(
  (
    'a an the is are was were be been will would we you i it its to of and or in on at for with by ' +
    'this that these there here has have had not no yes done fixed repaired today tomorrow ' +
    'monday tuesday wednesday thursday friday saturday sunday week thanks thank please sorry ' +
    'near road street light broken hole pothole need help'
  ).split(' '),
);
const SHORT_TEXT_WORDS = 6;

/** An English guess of a short text, believed only when it holds an English word of the list. */
function plausiblyEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.length >= SHORT_TEXT_WORDS || words.some((word) => ENGLISH_WORDS.has(word));
}

/**
 * The language a text is written in, among the three Tilts speaks, so a page or an email can
 * say that an answer is in another language than the reader's and mark it with `lang`.
 * `fallback` is the writer's usual language (a parish writes Latvian), used when the text is too
 * short or mixed to tell. Addresses, links and numbers in it are not read.
 */
export function textLanguage(text: string | null | undefined, fallback: Language): Language {
  if (!text) return fallback;
  const sample = text.slice(0, 2000).replace(NO_LANGUAGE, ' ');
  if (cyrillic(sample)) return 'ru';
  const detected = CODES[franc(sample, { only: Object.keys(CODES), minLength: MIN_LENGTH })];
  // Latin letters that are not English are Latvian here (Cyrillic was Russian above).
  if (detected === 'en' && (markedLatvian(sample) || (fallback !== 'en' && !plausiblyEnglish(sample))))
    return 'lv';
  return detected ?? fallback;
}
