/*
 * Open311 dates are W3C date-times (a profile of ISO 8601) with seconds and a zone. Tilts answers
 * in Latvian time with its offset (+02:00 in winter, +03:00 in summer), as residents read them,
 * and reads a client's dates in any zone.
 */

export const TIME_ZONE = 'Europe/Riga';

const parts = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = parts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    parts.set(timeZone, format);
  }
  return format;
}

/** `2026-11-30T17:00:00+02:00`: the instant in the zone's local time, with the zone's offset. */
export function w3cDateTime(date: Date, timeZone = TIME_ZONE): string {
  const found: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(date)) found[part.type] = part.value;
  // "GMT+02:00"; a zero offset comes as "GMT" or "GMT+00:00" (ICU versions differ) and is written Z.
  const offset = (found.timeZoneName ?? 'GMT').replace(/^GMT/, '').replace(/^[+-]00:00$/, '') || 'Z';
  return `${found.year}-${found.month}-${found.day}T${found.hour}:${found.minute}:${found.second}${offset}`;
}

// Date, time to the minute at least, and a zone: what the W3C note allows for a full instant. A
// `+` left unencoded in a query string arrives as a space, so a space stands for it.
const W3C_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+ -](\d{2}):(\d{2}))$/;

/** The instant a W3C date-time names, or undefined for anything else (a date alone has no zone). */
export function parseW3cDateTime(value: string): Date | undefined {
  const match = W3C_INSTANT.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Date.UTC reads the years 0–99 as 1900–1999 (0080 would be 1980): setUTCFullYear takes any year.
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  check.setUTCHours(hour, minute, second, 0);
  const local = check.getTime();
  // 2026-02-30 rolls over to March: a day that does not exist is no date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return undefined;
  const zone = match[8]!;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const hours = Number(match[9]);
    const minutes = Number(match[10]);
    if (hours > 14 || minutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const fraction = match[7] ? Math.floor(Number(match[7]) * 1000) : 0;
  return new Date(local - offsetMinutes * 60_000 + fraction);
}
