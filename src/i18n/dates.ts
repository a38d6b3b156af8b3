import type { Language } from './index.js';

/**
 * A date as a sentence may end with it. Russian writes the year of a date with "г." ("30 ноября
 * 2026 г."), so a sentence ending with one took a second full stop ("Ссылка действительна до
 * 30 ноября 2026 г.."). Russian also writes a date without it, as here: "до 30 ноября 2026.".
 * Only the end of the text changes: a date with a time ("30 ноября 2026 г. в 10:15") keeps it.
 */
export function sentenceDate(language: Language, text: string): string {
  return language === 'ru' ? text.replace(/\s*г\.$/u, '') : text;
}
