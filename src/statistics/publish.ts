import type { Apvieniba, Names } from '../reference/types.js';
import type { Month } from './calendar.js';
import type { Figures, Measured } from './figures.js';
import { FEWER_THAN, suppress, type Label, type Sum } from './suppression.js';

/** A figure as it may be published. */
export type Shown =
  | { kind: 'count'; value: number }
  | { kind: 'days'; value: number }
  /** A share from 0 to 1. */
  | { kind: 'share'; value: number }
  /** Fewer than 5 (a count), or measured on fewer than 5 reports (a median or a share). */
  | { kind: 'fewer' }
  /** Hidden so that a small number beside it cannot be worked out from a total. */
  | { kind: 'withheld' }
  /** Nothing to measure: no report it could be measured on. */
  | { kind: 'none' };

/** Every figure of a place, in the order the table and the CSV show them. */
export const FIGURES = [
  'received',
  'firstResponseDays',
  'resolutionDays',
  'onTimeShare',
  'backlogUnder4',
  'backlog4to8',
  'backlogOver8',
  'fixedYes',
  'fixedNo',
] as const;
export type FigureName = (typeof FIGURES)[number];

/** The figures that are counts, which add up from parishes to apvienības to the novads. */
const COUNTS = ['received', 'backlogUnder4', 'backlog4to8', 'backlogOver8', 'fixedYes', 'fixedNo'] as const;

export type Level = 'novads' | 'apvieniba' | 'parish';

export interface TrendMonth {
  month: Month;
  received: Shown;
  resolved: Shown;
}

export interface PlaceRow {
  level: Level;
  /** The place's code ('novads' for the whole novads). */
  code: string;
  names: Names | null;
  apvienibaCode: string | null;
  figures: Record<FigureName, Shown>;
  trend: TrendMonth[];
}

/** One place and its figures, as computed from its reports. */
export interface PlaceFigures {
  level: Level;
  code: string;
  names: Names | null;
  apvienibaCode: string | null;
  figures: Figures;
}

/** Cell ids: a level's letter, since an apvienība and a parish may share a code (Kaunatas). */
const placeId = (place: Pick<PlaceFigures, 'level' | 'code'>) => `${place.level[0]}:${place.code}`;

function measuredShown(kind: 'days' | 'share', measured: Measured): Shown {
  if (measured.base === 0 || measured.value === null) return { kind: 'none' };
  if (measured.base < FEWER_THAN) return { kind: 'fewer' };
  return { kind, value: measured.value };
}

function countShown(value: number, label: Label | undefined): Shown {
  if (label === 'fewer') return { kind: 'fewer' };
  if (label === 'withheld' || label === 'unpublished') return { kind: 'withheld' };
  return { kind: 'count', value };
}

/**
 * The sums the published tables make: each count of the novads is the sum of its apvienības',
 * each apvienība's the sum of its parishes', for the period and for every month; and each place's
 * received count is the sum of its months.
 */
function sumsOf(apvienibas: readonly Apvieniba[], months: number): Sum[] {
  const tree = (cell: (place: string) => string): Sum[] => [
    { total: cell('n:novads'), parts: apvienibas.map((apvieniba) => cell(`a:${apvieniba.code}`)) },
    ...apvienibas.map((apvieniba) => ({
      total: cell(`a:${apvieniba.code}`),
      parts: apvieniba.parishes.map((parish) => cell(`p:${parish.code}`)),
    })),
  ];
  const places = [
    'n:novads',
    ...apvienibas.flatMap((apvieniba) => [
      `a:${apvieniba.code}`,
      ...apvieniba.parishes.map((parish) => `p:${parish.code}`),
    ]),
  ];
  const monthIndexes = Array.from({ length: months }, (_, index) => index);
  return [
    ...COUNTS.flatMap((figure) => tree((place) => `${figure}|${place}`)),
    ...monthIndexes.flatMap((index) => [
      ...tree((place) => `trendReceived|${place}|${index}`),
      ...tree((place) => `trendResolved|${place}|${index}`),
    ]),
    ...places.map((place) => ({
      total: `received|${place}`,
      parts: monthIndexes.map((index) => `trendReceived|${place}|${index}`),
    })),
  ];
}

/**
 * What may be published of every place's figures: small counts hidden, and the totals that would
 * give them away protected (see suppression.ts); medians and shares measured on fewer than five
 * reports hidden. `places` must hold the novads, every apvienība and every parish of `apvienibas`.
 */
export function publish(
  places: readonly PlaceFigures[],
  apvienibas: readonly Apvieniba[],
  months: readonly Month[],
): PlaceRow[] {
  const values = new Map<string, number>();
  for (const place of places) {
    const id = placeId(place);
    for (const figure of COUNTS) values.set(`${figure}|${id}`, place.figures[figure]);
    place.figures.trendReceived.forEach((count, index) => values.set(`trendReceived|${id}|${index}`, count));
    place.figures.trendResolved.forEach((count, index) => values.set(`trendResolved|${id}|${index}`, count));
  }
  const labels = suppress(values, sumsOf(apvienibas, months.length));
  const shown = (cell: string) => countShown(values.get(cell) ?? 0, labels.get(cell));
  return places.map((place) => {
    const id = placeId(place);
    const figures = {} as Record<FigureName, Shown>;
    for (const figure of COUNTS) figures[figure] = shown(`${figure}|${id}`);
    figures.firstResponseDays = measuredShown('days', place.figures.firstResponseDays);
    figures.resolutionDays = measuredShown('days', place.figures.resolutionDays);
    figures.onTimeShare = measuredShown('share', place.figures.onTimeShare);
    return {
      level: place.level,
      code: place.code,
      names: place.names,
      apvienibaCode: place.apvienibaCode,
      figures,
      trend: months.map((month, index) => ({
        month,
        received: shown(`trendReceived|${id}|${index}`),
        resolved: shown(`trendResolved|${id}|${index}`),
      })),
    };
  });
}

/** The count a reader sees on its own (the novads's private requests): "fewer than 5" under five. */
export function standaloneCount(value: number): Shown {
  return value > 0 && value < FEWER_THAN ? { kind: 'fewer' } : { kind: 'count', value };
}
