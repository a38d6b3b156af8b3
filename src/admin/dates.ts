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
