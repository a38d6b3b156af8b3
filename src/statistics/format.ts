import { dateAt, sentenceDate } from '../i18n/dates.js';
import type { Language, Translate } from '../i18n/index.js';
import { formatNumber } from '../i18n/numbers.js';
import type { Month } from './calendar.js';
import type { Shown } from './publish.js';

// British English writes dates the way Latvians read them; the same locales as the report pages.
const LOCALE: Record<Language, string> = { lv: 'lv', en: 'en-GB', ru: 'ru' };

function makeFormats(language: Language) {
  const locale = LOCALE[language];
  return {
    days: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    share: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
    // Months are whole calendar months: read in UTC from a UTC date, so no zone can shift them.
    month: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    shortMonth: new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }),
  };
}

// Building formatters costs far more than using them: made once per language.
const FORMATS: Record<Language, ReturnType<typeof makeFormats>> = {
  lv: makeFormats('lv'),
  en: makeFormats('en'),
  ru: makeFormats('ru'),
};

const utc = (month: Month) => new Date(Date.UTC(month.year, month.month - 1, 1));

/** "March 2026", in the reader's language. */
export function monthName(month: Month, language: Language): string {
  return sentenceDate(language, FORMATS[language].month.format(utc(month)));
}

/**
 * A month after "from" or "to" in a sentence: "no 2025. g. decembra līdz 2026. g. novembrim",
 * "с декабря 2025 по ноябрь 2026", "from December 2025 to November 2026".
 */
export function monthAfter(month: Month, language: Language, place: 'from' | 'until'): string {
  return dateAt(language, place, FORMATS[language].month.formatToParts(utc(month)));
}

/**
 * "Mar" (with the whole year in January, or for the first month), for chart labels: "Jan 26"
 * read as the 26th of January.
 */
export function shortMonthName(month: Month, language: Language, first: boolean): string {
  const name = FORMATS[language].shortMonth.format(utc(month));
  return first || month.month === 1 ? `${name} ${month.year}` : name;
}

// Rounded once, the same way for the page and the CSV, so both show the same number.
const roundedDays = (days: number) => Math.round(days * 10) / 10;
const roundedPercent = (share: number) => Math.round(share * 100);

/** A published figure as the page shows it, in the reader's language. */
export function shownText(shown: Shown, t: Translate, language: Language): string {
  const formats = FORMATS[language];
  switch (shown.kind) {
    case 'count':
      return formatNumber(shown.value, language);
    case 'days':
      return formats.days.format(roundedDays(shown.value));
    case 'share':
      return formats.share.format(roundedPercent(shown.value) / 100);
    case 'fewer':
      return t('statistics.value.fewer');
    case 'withheld':
      return t('statistics.value.withheld');
    default:
      return t('statistics.value.none');
  }
}

/**
 * A published figure as the CSV writes it: plain numbers (days with one decimal and a point, a
 * share as a whole percentage) a spreadsheet reads in any language, and the same words as the page.
 */
export function shownCsv(shown: Shown, t: Translate): string {
  switch (shown.kind) {
    case 'count':
      return String(shown.value);
    case 'days':
      return roundedDays(shown.value).toFixed(1);
    case 'share':
      return String(roundedPercent(shown.value));
    case 'fewer':
      return t('statistics.csv.fewer');
    case 'withheld':
      return t('statistics.value.withheld');
    default:
      return '';
  }
}
