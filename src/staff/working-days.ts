/*
 * Latvian working days, for the targets a category sets ("answered within 10 working days").
 * Public holidays as the law on holidays lists them (Par svētku, atceres un atzīmējamām dienām,
 * article 1): New Year, Good Friday, Easter Sunday and Monday, 1 May, 4 May, Midsummer (23 and 24
 * June), 18 November, Christmas Eve, Christmas, the second day of Christmas and New Year's Eve;
 * when 4 May or 18 November falls on a weekend, the next Monday is a holiday (article 2(5)).
 * Dates are taken in Latvian time, whatever the server's zone.
 */

const TIME_ZONE = 'Europe/Riga';
const DAY_MS = 24 * 60 * 60 * 1000;

// Building a formatter costs a millisecond; using one, a microsecond. The statistics judge
// thousands of reports against their targets, so it is built once.
const RIGA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Riga, as a UTC midnight (so arithmetic on days is exact). */
function rigaDate(instant: Date): Date {
  const parts = RIGA_DAY.format(instant).split('-').map(Number);
  return new Date(Date.UTC(parts[0]!, parts[1]! - 1, parts[2]!));
}

/** Western Easter Sunday (anonymous Gregorian algorithm), as a UTC midnight. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const key = (date: Date) => date.toISOString().slice(0, 10);
const cache = new Map<number, ReadonlySet<string>>();

/** Every public holiday of a year, as YYYY-MM-DD. */
export function publicHolidays(year: number): ReadonlySet<string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const fixed = (month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
  const easter = easterSunday(year);
  const days = [
    fixed(1, 1),
    new Date(easter.getTime() - 2 * DAY_MS),
    easter,
    new Date(easter.getTime() + DAY_MS),
    fixed(5, 1),
    fixed(5, 4),
    fixed(6, 23),
    fixed(6, 24),
    fixed(11, 18),
    fixed(12, 24),
    fixed(12, 25),
    fixed(12, 26),
    fixed(12, 31),
  ];
  for (const date of [fixed(5, 4), fixed(11, 18)]) {
    const weekday = date.getUTCDay();
    if (weekday === 6 || weekday === 0)
      days.push(new Date(date.getTime() + (weekday === 6 ? 2 : 1) * DAY_MS));
  }
  const set = new Set(days.map(key));
  cache.set(year, set);
  return set;
}

export function isWorkingDay(date: Date): boolean {
  const day = rigaDate(date);
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(day.getUTCFullYear()).has(key(day));
}

/**
 * Whole working days after `start`'s date up to and including `end`'s date: a report routed on a
 * Friday and looked at the next Monday is one working day old.
 */
export function workingDaysBetween(start: Date, end: Date): number {
  let day = rigaDate(start);
  const last = rigaDate(end);
  let count = 0;
  // At most a few years of days; a report older than that is overdue by any measure.
  for (let guard = 0; day < last && guard < 3660; guard += 1) {
    day = new Date(day.getTime() + DAY_MS);
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}

/** Riga's offset from UTC at an instant, in minutes (120 in winter, 180 in summer). */
function rigaOffsetMinutes(instant: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * The earliest instant whose working-day age at `now` is still within `days`: a report routed
 * before it is overdue. (Midnight in Riga of the oldest day still within the target.)
 */
export function overdueCutoff(days: number, now: Date): Date {
  let day = rigaDate(now);
  for (let guard = 0; guard < 3660; guard += 1) {
    const previous = new Date(day.getTime() - DAY_MS);
    if (workingDaysBetween(new Date(previous.getTime() + 12 * 60 * 60 * 1000), now) > days) break;
    day = previous;
  }
  const noon = new Date(day.getTime() + 12 * 60 * 60 * 1000);
  return new Date(day.getTime() - rigaOffsetMinutes(noon) * 60_000);
}
