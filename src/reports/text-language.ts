import { franc } from 'franc';
import type { Language } from '../i18n/index.js';

const CODES: Readonly<Record<string, Language>> = { lvs: 'lv', rus: 'ru', eng: 'en' };
// Trigram statistics need a few words; anything shorter ("OK", "Paldies") keeps the writer's default.
const MIN_LENGTH = 8;

/**
 * The language a text is written in, among the three Tilts speaks, so a page or an email can
 * say that an answer is in another language than the reader's and mark it with `lang`.
 * `fallback` is the writer's usual language (a parish writes Latvian), used when the text is too
 * short or mixed to tell.
 */
export function textLanguage(text: string | null | undefined, fallback: Language): Language {
  if (!text) return fallback;
  const detected = franc(text.slice(0, 2000), { only: Object.keys(CODES), minLength: MIN_LENGTH });
  return CODES[detected] ?? fallback;
}
