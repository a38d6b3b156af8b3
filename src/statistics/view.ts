import type { Language, Translate } from '../i18n/index.js';
import { barChart } from './chart.js';
import { monthAfter, monthName, shortMonthName, shownCsv, shownText } from './format.js';
import { periodQuery, type Period } from './period.js';
import { FIGURES, type FigureName, type PlaceRow, type Shown } from './publish.js';

export interface CellView {
  figure: FigureName;
  kind: Shown['kind'];
  text: string;
}

export interface RowView {
  level: PlaceRow['level'];
  code: string;
  name: string;
  /** The place's own page (with the same period), none for the novads. */
  href: string | null;
  cells: CellView[];
}

/** Links that keep the period the visitor chose; a default period needs no query string. */
export function periodSuffix(period: Period, chosen: boolean): string {
  return chosen ? `?${periodQuery(period)}` : '';
}

export function placeName(row: PlaceRow, t: Translate, language: Language): string {
  return row.names ? row.names[language] : t('statistics.novads');
}

export function placeHref(row: PlaceRow, suffix: string): string | null {
  if (row.level === 'parish') return `/parishes/${row.code}${suffix}`;
  if (row.level === 'apvieniba') return `/apvienibas/${row.code}${suffix}`;
  return null;
}

/** A place's row of figures as a table or a list shows it. */
export function rowView(row: PlaceRow, t: Translate, language: Language, suffix: string): RowView {
  return {
    level: row.level,
    code: row.code,
    name: placeName(row, t, language),
    href: placeHref(row, suffix),
    cells: FIGURES.map((figure) => ({
      figure,
      kind: row.figures[figure].kind,
      text: shownText(row.figures[figure], t, language),
    })),
  };
}

/** What the chart draws and the table beside it lists: received and resolved per month. */
export function trendView(row: PlaceRow, period: Period, t: Translate, language: Language) {
  const number = (shown: Shown) => (shown.kind === 'count' ? shown.value : null);
  const chart = barChart(
    [
      { key: 'received', values: row.trend.map((month) => number(month.received)) },
      { key: 'resolved', values: row.trend.map((month) => number(month.resolved)) },
    ],
    row.trend.length,
  );
  return {
    chart,
    labels: row.trend.map((month, index) => shortMonthName(month.month, language, index === 0)),
    months: row.trend.map((month) => ({
      name: monthName(month.month, language),
      received: shownText(month.received, t, language),
      resolved: shownText(month.resolved, t, language),
    })),
    description: t('statistics.trend.description', {
      place: placeName(row, t, language),
      from: monthAfter(period.from, language, 'from'),
      to: monthAfter(period.to, language, 'until'),
    }),
  };
}

/** The CSV: one line per place, every figure, then received and resolved for each month. */
export function csvTable(rows: readonly PlaceRow[], period: Period, t: Translate, language: Language) {
  const header = [
    t('statistics.csv.level'),
    t('statistics.csv.code'),
    t('statistics.csv.place'),
    // A share is a bare number, so a spreadsheet reads it as one: its header says it is a percentage.
    ...FIGURES.map((figure) =>
      t(figure === 'onTimeShare' ? 'statistics.csv.onTimeShare' : `statistics.figures.${figure}`),
    ),
    ...period.months.flatMap((_, index) => {
      const name = monthName(period.months[index]!, language);
      return [
        t('statistics.csv.receivedIn', { month: name }),
        t('statistics.csv.resolvedIn', { month: name }),
      ];
    }),
  ];
  const lines = rows.map((row) => [
    t(`statistics.levels.${row.level}`),
    row.code,
    placeName(row, t, language),
    ...FIGURES.map((figure) => shownCsv(row.figures[figure], t)),
    ...row.trend.flatMap((month) => [shownCsv(month.received, t), shownCsv(month.resolved, t)]),
  ]);
  return { header, lines };
}
