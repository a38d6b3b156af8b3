import { dateAt, type DatePlace } from '../i18n/dates.js';
import { isLanguage, type Language } from '../i18n/index.js';

const LOCALE: Record<Language, string> = { lv: 'lv', en: 'en-GB', ru: 'ru' };

// Building a formatter costs far more than using one: one per language, made once.
const FORMATS = Object.fromEntries(
  (['lv', 'en', 'ru'] as const).map((language) => [
    language,
    new Intl.DateTimeFormat(LOCALE[language], {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'Europe/Riga',
    }),
  ]),
) as Record<Language, Intl.DateTimeFormat>;

/** A moment as the admin pages show it: date and time in Riga, whatever the server's zone. */
export function formatWhen(date: Date, language: unknown): string {
  return FORMATS[isLanguage(language) ? language : 'lv'].format(date);
}

/**
 * A moment as the admin pages show it, after a word that declines it (`dateAt`): Latvian writes
 * "kopš 2026. gada 5. maija" and "dzēsti 2026. gada 5. maijā" where the month is written out (its
 * medium form abbreviates the others: "5. nov."); English and Russian as `formatWhen` does.
 */
export function formatWhenAt(date: Date, language: unknown, place: DatePlace): string {
  const lang = isLanguage(language) ? language : 'lv';
  // Only Latvian declines here; Intl's parts would space Russian's "г." otherwise (U+202F).
  return lang === 'lv' ? dateAt(lang, place, FORMATS.lv.formatToParts(date)) : formatWhen(date, lang);
}
