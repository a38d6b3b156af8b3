/*
 * Months as residents of the novads read them: in Latvian time, whatever the server's zone. A
 * report sent at 00:30 on 1 March in Rēzekne belongs to March, although it is still February in UTC.
 */

const TIME_ZONE = 'Europe/Riga';
// Made once: building a formatter costs far more than using one, and statistics use it per report.
const RIGA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export interface Month {
  year: number;
  /** 1 to 12. */
  month: number;
}

/** The date in Riga, as `YYYY-MM-DD`. */
export function rigaDay(instant: Date): string {
  return RIGA_DAY.format(instant);
}

/** The month in Riga an instant falls in. */
export function monthOf(instant: Date): Month {
  const [year, month] = rigaDay(instant).split('-').map(Number);
  return { year: year!, month: month! };
}

/** `YYYY-MM`, as the statistics' links and the CSV write a month. */
export function monthKey(month: Month): string {
  return `${month.year}-${String(month.month).padStart(2, '0')}`;
}

export function addMonths(month: Month, count: number): Month {
  const index = month.year * 12 + (month.month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Negative when `a` is before `b`, zero when they are the same month. */
export function compareMonths(a: Month, b: Month): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; compareMonths(month, to) <= 0; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * The instant a month begins in Riga (midnight of its first day). Riga is two or three hours
 * ahead of UTC, and its clocks never change on the first of a month, so one of the two fits.
 */
export function monthStart(month: Month): Date {
  const first = `${monthKey(month)}-01`;
  const midnightUtc = Date.UTC(month.year, month.month - 1, 1);
  for (const hours of [2, 3]) {
    const candidate = new Date(midnightUtc - hours * 60 * 60 * 1000);
    if (rigaDay(candidate) === first && rigaDay(new Date(candidate.getTime() - 1)) !== first)
      return candidate;
  }
  throw new Error(`no Riga midnight found for ${first}`);
}
