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

/**
 * The word a date follows in a sentence: `on` a verb ("paslēpa 5. decembrī"), `until` ("līdz",
 * "до", "until") or `from` ("no", "с", "from").
 */
export type DatePlace = 'on' | 'until' | 'from';

/**
 * Latvian months as Intl writes them (nominative), and as each place declines them: the locative
 * after a verb ("decembrī"), the dative after "līdz" ("līdz 5. decembrim"), the genitive after
 * "no" ("no decembra").
 */
const LV_MONTHS: Record<string, Record<DatePlace, string>> = {
  janvāris: { on: 'janvārī', until: 'janvārim', from: 'janvāra' },
  februāris: { on: 'februārī', until: 'februārim', from: 'februāra' },
  marts: { on: 'martā', until: 'martam', from: 'marta' },
  aprīlis: { on: 'aprīlī', until: 'aprīlim', from: 'aprīļa' },
  maijs: { on: 'maijā', until: 'maijam', from: 'maija' },
  jūnijs: { on: 'jūnijā', until: 'jūnijam', from: 'jūnija' },
  jūlijs: { on: 'jūlijā', until: 'jūlijam', from: 'jūlija' },
  augusts: { on: 'augustā', until: 'augustam', from: 'augusta' },
  septembris: { on: 'septembrī', until: 'septembrim', from: 'septembra' },
  oktobris: { on: 'oktobrī', until: 'oktobrim', from: 'oktobra' },
  novembris: { on: 'novembrī', until: 'novembrim', from: 'novembra' },
  decembris: { on: 'decembrī', until: 'decembrim', from: 'decembra' },
};

/**
 * Russian months alone (a month and a year: "декабрь 2025 г."), in the genitive "с" asks for
 * ("с декабря 2025"). A date with its day has its month in the genitive already ("до 5 декабря"),
 * and "по" takes the month as it is ("по ноябрь 2026").
 */
const RU_MONTHS_FROM: Record<string, string> = {
  январь: 'января',
  февраль: 'февраля',
  март: 'марта',
  апрель: 'апреля',
  май: 'мая',
  июнь: 'июня',
  июль: 'июля',
  август: 'августа',
  сентябрь: 'сентября',
  октябрь: 'октября',
  ноябрь: 'ноября',
  декабрь: 'декабря',
};

function monthAt(language: Language, place: DatePlace, month: string): string {
  if (language === 'lv') return LV_MONTHS[month]?.[place] ?? month;
  if (language === 'ru' && place === 'from') return RU_MONTHS_FROM[month] ?? month;
  return month;
}

/**
 * A date (or a month) in the form the word before it asks for, from Intl's parts: Latvian
 * declines its month ("līdz 2026. gada 5. decembrim", "no 2025. g. decembra"), Russian a month
 * alone after "с"; English writes it as it is. It ends as a sentence may end (`sentenceDate`).
 */
export function dateAt(
  language: Language,
  place: DatePlace,
  parts: readonly Intl.DateTimeFormatPart[],
): string {
  const text = parts
    .map((part) => (part.type === 'month' ? monthAt(language, place, part.value) : part.value))
    .join('');
  return sentenceDate(language, text);
}
