import type { Language } from './index.js';

/*
 * A number as a reader of each language writes it: "5,000" in English, "5 000" in Latvian and
 * Russian, which group thousands with a no-break space. Intl alone writes "5000" in Latvian: its
 * data groups Latvian numbers only from five digits, and Tilts shows "1 000" beside "12 345".
 * Only for numbers people read: never a year, an id, a number in a link or form, or a file
 * (CSV, JSON, Open311, feeds), which keep `String(n)`.
 */

// British English as the dates; Latvian and Russian group every number of four digits or more.
const LOCALE: Record<Language, string> = { lv: 'lv', en: 'en-GB', ru: 'ru' };

function makeFormat(language: Language): Intl.NumberFormat {
  // `useGrouping: 'always'` (Intl.NumberFormat v3, Node 20) is not yet in TypeScript's ES2022 lib.
  return new Intl.NumberFormat(LOCALE[language], {
    maximumFractionDigits: 1,
    useGrouping: 'always' as unknown as boolean,
  });
}

// Building a format costs far more than using it: made once per language.
const FORMATS: Record<Language, Intl.NumberFormat> = {
  lv: makeFormat('lv'),
  en: makeFormat('en'),
  ru: makeFormat('ru'),
};

/** "5 000" (lv, ru), "5,000" (en): a count, a total, a limit, as a page or an email shows it. */
export function formatNumber(value: number, language: Language): string {
  return FORMATS[language].format(value);
}

/**
 * i18next's `number` format (`{{count, number}}` in the catalogs) by `formatNumber`; anything but
 * a number (a count written already, "more than 1 000") as it is.
 */
export function numberFormat(value: unknown, language: string | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  return formatNumber(value, language === 'en' || language === 'ru' ? language : 'lv');
}
