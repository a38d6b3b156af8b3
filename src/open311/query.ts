import { z } from 'zod';
import { normaliseRef } from '../reports/refs.js';
import { parseW3cDateTime } from './dates.js';
import type { Problem } from './errors.js';
import type { Open311Status } from './shapes.js';

/*
 * The filters of GET requests, as GeoReport v2 defines them: a list of ids overrides every other
 * filter; otherwise service codes, a status and a window of at most 90 days (the last 90 by
 * default) on the date the request was made; at most 1000 results, newest first.
 */

export const MAX_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_WINDOW_MS = MAX_WINDOW_DAYS * DAY_MS;
/*
 * The instants a client may name. Past year 9999 the database cannot take a timestamp as the
 * driver writes it (a 500), and nothing was reported before 1970; a default end that would run
 * past the last one stops there instead, so a start near it still answers (an empty list).
 */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);
const RANGE = { from: '1970-01-01T00:00:00Z', to: '9999-12-31T23:59:59Z' };

export type RequestFilter =
  | { kind: 'ids'; refs: string[] }
  | { kind: 'search'; codes: string[] | null; statuses: Open311Status[] | null; from: Date; to: Date };

/** A refusal is a problem for a 400: its key under `open311.errors` and what it names. */
export type FilterResult = { ok: true; filter: RequestFilter } | { ok: false; problem: Problem };

/** A parameter as a client may send it: once, several times (joined by commas), or not at all. */
const parameter = z.preprocess(
  (value) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(',') : value),
  z.string().max(20_000, 'parameterTooLong').optional(),
);

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const querySchema = z.object({
  service_request_id: parameter,
  service_code: parameter,
  start_date: parameter,
  end_date: parameter,
  status: parameter,
});

function dateOf(name: string, value: string | undefined): Date | Problem | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const date = parseW3cDateTime(value.trim());
  if (!date) return { key: 'dateFormat', values: { name } };
  if (date.getTime() < EARLIEST || date.getTime() > LATEST)
    return { key: 'dateRange', values: { name, ...RANGE } };
  return date;
}

/** The window asked for, or the last 90 days; a window longer than 90 days is refused. */
function windowOf(
  start: Date | undefined,
  end: Date | undefined,
  now: Date,
): { from: Date; to: Date } | Problem {
  const to = end ?? (start ? new Date(Math.min(start.getTime() + MAX_WINDOW_MS, LATEST)) : now);
  const from = start ?? new Date(to.getTime() - MAX_WINDOW_MS);
  if (from.getTime() > to.getTime()) return { key: 'startAfterEnd' };
  if (to.getTime() - from.getTime() > MAX_WINDOW_MS)
    return { key: 'windowTooLong', values: { days: MAX_WINDOW_DAYS } };
  return { from, to };
}

function statusesOf(value: string | undefined): Open311Status[] | null | Problem {
  const asked = list(value);
  if (asked.length === 0) return null;
  const unknown = asked.find((status) => status !== 'open' && status !== 'closed');
  if (unknown !== undefined) return { key: 'statusUnknown' };
  return [...new Set(asked as Open311Status[])];
}

const NAMES = Object.keys(querySchema.shape);
const BRACKETED = /^([a-z_]+)\[[^\]]{0,10}\]$/;

const textsOf = (value: unknown): unknown[] | undefined =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;

/**
 * The query with the array forms of our parameters (`service_code[]=a&service_code[]=b`, as
 * PHP-style clients send a list) read as the parameter itself: the query parser keeps such a key
 * as it is, so it was taken for some other parameter and the filter was silently dropped.
 */
function withArrayForms(query: unknown): Record<string, unknown> {
  const given = (query ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    const name = BRACKETED.exec(key)?.[1] ?? key;
    if (!NAMES.includes(name)) continue;
    const earlier = merged[name];
    const [before, added] = [textsOf(earlier), textsOf(value)];
    // Anything but text (an object from another parser) is kept as it came, for zod to refuse.
    merged[name] =
      earlier === undefined ? value : before && added ? [...before, ...added] : before ? value : earlier;
  }
  return merged;
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && 'key' in value;

/** Reads the query of GET requests; anything malformed is a description for a 400. */
export function readRequestFilter(query: unknown, now: Date): FilterResult {
  const parsed = querySchema.safeParse(withArrayForms(query));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'query');
    const key = issue.message === 'parameterTooLong' ? issue.message : 'parameterNotText';
    return { ok: false, problem: { key, values: { name } } };
  }
  const values = parsed.data;
  const ids = list(values.service_request_id);
  if (ids.length > MAX_RESULTS)
    return { ok: false, problem: { key: 'tooManyIds', values: { max: MAX_RESULTS } } };
  // A list of ids overrides every other argument; an id that cannot be ours names nothing.
  if (ids.length > 0) {
    const refs = ids.map(normaliseRef).filter((ref): ref is string => ref !== undefined);
    return { ok: true, filter: { kind: 'ids', refs: [...new Set(refs)] } };
  }
  const start = dateOf('start_date', values.start_date);
  const end = dateOf('end_date', values.end_date);
  if (isProblem(start)) return { ok: false, problem: start };
  if (isProblem(end)) return { ok: false, problem: end };
  const window = windowOf(start, end, now);
  if (isProblem(window)) return { ok: false, problem: window };
  const statuses = statusesOf(values.status);
  if (isProblem(statuses)) return { ok: false, problem: statuses };
  const codes = list(values.service_code);
  if (codes.some((code) => code.length > 40))
    return { ok: false, problem: { key: 'parameterTooLong', values: { name: 'service_code' } } };
  return {
    ok: true,
    filter: { kind: 'search', codes: codes.length > 0 ? codes : null, statuses, ...window },
  };
}
