import { dateAt, sentenceDate } from '../i18n/dates.js';
import type { Language } from '../i18n/index.js';

const TIME_ZONE = 'Europe/Riga';
// British English writes dates the way Latvians read them (23 November 2026).
const LOCALE: Record<Language, string> = { lv: 'lv', en: 'en-GB', ru: 'ru' };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const MEMO_LIMIT = 10_000;

/**
 * A format remembered per period: Latvia is a whole number of hours from UTC (+2, +3 in summer),
 * so every instant of one UTC hour has the same date there, and of one minute the same time. A
 * list shows twenty dates a page, and formatting one cost more than the rest of its row.
 */
function remembered(format: (value: Date) => string, periodMs: number): (value: Date) => string {
  const memo = new Map<number, string>();
  return (value) => {
    const period = Math.floor(value.getTime() / periodMs);
    let text = memo.get(period);
    if (text === undefined) {
      text = format(value);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(period, text);
    }
    return text;
  };
}

/**
 * A date said as the day something happened, after a verb: Latvian puts its month in the locative
 * ("paslēpa 2026. gada 5. decembrī", not "decembris"); English and Russian (genitive already)
 * write it as the plain date.
 */
const dayOf = (format: Intl.DateTimeFormat, language: Language) => (value: Date) =>
  dateAt(language, 'on', format.formatToParts(value));

function makeDateFormats(language: Language) {
  const date = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(LOCALE[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  });
  return {
    date: remembered((value) => sentenceDate(language, date.format(value)), HOUR_MS),
    /** The date in "did X on {{date}}" (Latvian locative). */
    dateOn: remembered(dayOf(date, language), HOUR_MS),
    dateTime: remembered((value) => dateTime.format(value), MINUTE_MS),
    /**
     * The date and time in "X was done on {{date}}" (Latvian locative: "30. novembrī 12:15"); the
     * others as `dateTime` writes them (Intl's parts space Russian's "г." otherwise: U+202F).
     */
    dateTimeOn: remembered(
      language === 'lv' ? dayOf(dateTime, language) : (value) => dateTime.format(value),
      MINUTE_MS,
    ),
  };
}

// Building a formatter costs far more than using one: made once per language, not per page.
const DATE_FORMATS: Record<Language, ReturnType<typeof makeDateFormats>> = {
  lv: makeDateFormats('lv'),
  en: makeDateFormats('en'),
  ru: makeDateFormats('ru'),
};

/** Date formatters for one language, in Latvian time whatever the server's zone. */
export function dateFormats(language: Language) {
  return DATE_FORMATS[language];
}
