import {
  addMonths,
  compareMonths,
  monthKey,
  monthOf,
  monthRange,
  monthStart,
  type Month,
} from './calendar.js';

/** The statistics show the last twelve months (this one included) unless asked otherwise. */
export const DEFAULT_MONTHS = 12;
/** Longer periods make a chart nobody can read and a query nobody needs. */
export const MAX_MONTHS = 36;
/** The first month anyone may ask for: Tilts did not exist before. */
export const FIRST_YEAR = 2000;

export type PeriodProblem = 'unreadable' | 'future' | 'reversed' | 'tooLong';

export interface Period {
  from: Month;
  to: Month;
  /** Midnight in Riga on the first day of `from`. */
  start: Date;
  /** Midnight in Riga on the first day after `to`: the period ends just before it. */
  end: Date;
  months: Month[];
  /** `YYYY-MM` of `from` and `to`, for links and the form. */
  fromKey: string;
  toKey: string;
}

export function periodOf(from: Month, to: Month): Period {
  return {
    from,
    to,
    start: monthStart(from),
    end: monthStart(addMonths(to, 1)),
    months: monthRange(from, to),
    fromKey: monthKey(from),
    toKey: monthKey(to),
  };
}

/** The last twelve months, this one included. */
export function defaultPeriod(now: Date): Period {
  const current = monthOf(now);
  return periodOf(addMonths(current, -(DEFAULT_MONTHS - 1)), current);
}

// `?from=a&from=b` arrives as an array: the first value counts, as a shared link would mean.
const first = (value: unknown) => (Array.isArray(value) ? (value as unknown[])[0] : value);

/** `YYYY-MM` to a month; null when it is not one. Undefined when nothing was given. */
function readMonth(raw: unknown): Month | null | undefined {
  const value = first(raw);
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const month = { year: Number(match[1]), month: Number(match[2]) };
  return month.month >= 1 && month.month <= 12 && month.year >= FIRST_YEAR ? month : null;
}

/**
 * The period a visitor asked for with `?from=YYYY-MM&to=YYYY-MM`. Nothing fails: a period that
 * cannot be read, lies in the future, runs backwards or is too long gives the default period and
 * says why. Only `from` means "from then until this month"; only `to`, "the twelve months up to it".
 */
export function parsePeriod(
  query: { from?: unknown; to?: unknown },
  now: Date,
): { period: Period; problem: PeriodProblem | null } {
  const fallback = (problem: PeriodProblem | null) => ({ period: defaultPeriod(now), problem });
  const from = readMonth(query.from);
  const to = readMonth(query.to);
  if (from === null || to === null) return fallback('unreadable');
  if (from === undefined && to === undefined) return fallback(null);
  const current = monthOf(now);
  const end = to ?? current;
  const start = from ?? addMonths(end, -(DEFAULT_MONTHS - 1));
  if (compareMonths(start, current) > 0 || compareMonths(end, current) > 0) return fallback('future');
  if (compareMonths(start, end) > 0) return fallback('reversed');
  if (compareMonths(end, start) >= MAX_MONTHS) return fallback('tooLong');
  return { period: periodOf(start, end), problem: null };
}

/** The query string that asks for this period, for links to the CSV and to other places. */
export function periodQuery(period: Period): string {
  return `from=${period.fromKey}&to=${period.toKey}`;
}
