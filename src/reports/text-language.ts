import { franc } from 'franc';
import type { Language } from '../i18n/index.js';

const CODES: Readonly<Record<string, Language>> = { lvs: 'lv', rus: 'ru', eng: 'en' };
// Trigram statistics need a few words; anything shorter ("OK", "Paldies") keeps the writer's default.
const MIN_LENGTH = 8;
const LATVIAN_LETTER = /[āčēģīķļņšūž]/iu;
const WORD = /\p{L}/u;

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

/**
 * The language a text is written in, among the three Tilts speaks, so a page or an email can
 * say that an answer is in another language than the reader's and mark it with `lang`.
 * `fallback` is the writer's usual language (a parish writes Latvian), used when the text is too
 * short or mixed to tell.
 */
export function textLanguage(text: string | null | undefined, fallback: Language): Language {
  if (!text) return fallback;
  const sample = text.slice(0, 2000);
  const detected = CODES[franc(sample, { only: Object.keys(CODES), minLength: MIN_LENGTH })];
  if (detected === 'en' && markedLatvian(sample)) return 'lv';
  return detected ?? fallback;
}
