import { z } from 'zod';
import { cleanLine } from '../web/clean-text.js';
import { PUBLIC_STATUSES, type PublicFilters } from '../reports/types.js';

/** Deep enough for anyone paging by hand; a bigger offset would only make the database work. */
export const MAX_PAGE = 5000;
export const MAX_QUERY_LENGTH = 100;

// `?parish=a&parish=b` arrives as an array: the first value counts, as a shared link would mean.
const first = (value: unknown) => (Array.isArray(value) ? (value as unknown[])[0] : value);
const blankToUndefined = (value: unknown) => {
  const one = first(value);
  if (typeof one !== 'string') return undefined;
  // A search is one line; a NUL or a control character in it is never part of a word.
  const cleaned = cleanLine(one);
  return cleaned === '' ? undefined : cleaned;
};

const code = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
);

/**
 * The list's query string. A link may be old, hand-edited or truncated, so nothing here fails:
 * a malformed value becomes "no filter" and is reported back as ignored; codes are checked against
 * the reference data by the route, which knows them.
 */
export const listQuerySchema = z.object({
  parish: code.catch(undefined),
  apvieniba: code.catch(undefined),
  category: code.catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(PUBLIC_STATUSES).optional()).catch(undefined),
  q: z
    .preprocess(blankToUndefined, z.string().optional())
    .transform((q) => q?.slice(0, MAX_QUERY_LENGTH))
    .catch(undefined),
  page: z
    .preprocess(first, z.coerce.number().int().min(1))
    .transform((page) => Math.min(page, MAX_PAGE))
    .catch(1),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

const FILTERS = ['parish', 'apvieniba', 'category', 'status'] as const;
export type FilterName = (typeof FILTERS)[number];

/**
 * Parses the query and drops codes the reference data does not know. Returns the filters for the
 * repository and the names of the filters that were given but ignored, for a polite notice.
 */
export function parseListQuery(
  given: Record<string, unknown>,
  known: { parishes: ReadonlySet<string>; apvienibas: ReadonlySet<string>; categories: ReadonlySet<string> },
): { filters: PublicFilters; ignored: FilterName[]; repeated: FilterName[] } {
  const raw = withBracketNames(given);
  const parsed = listQuerySchema.parse(raw);
  const filters: PublicFilters = { ...parsed };
  if (filters.parish && !known.parishes.has(filters.parish)) filters.parish = undefined;
  if (filters.apvieniba && !known.apvienibas.has(filters.apvieniba)) filters.apvieniba = undefined;
  if (filters.category && !known.categories.has(filters.category)) filters.category = undefined;
  const ignored = FILTERS.filter((name) => hasValue(raw[name]) && filters[name] === undefined);
  return { filters, ignored, repeated: FILTERS.filter((name) => givenTwice(raw[name])) };
}

/**
 * Whether a filter was given a value at all, however unusable: `?parish=%00` or `?parish[x]=1`
 * was, and is said to be ignored (a feed's 404, a file's 400), not read as no filter; an empty
 * `?parish=` is a form sent with nothing chosen.
 */
function hasValue(value: unknown): boolean {
  const one = first(value);
  if (one === undefined) return false;
  return typeof one !== 'string' || one.trim() !== '';
}

/** `?parish=a&parish=b`: two different values of a filter that takes one (the first counts). */
function givenTwice(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const values = new Set(value.map((one) => blankToUndefined(one)).filter((one) => one !== undefined));
  return values.size > 1;
}

/**
 * A parish and an apvienība it does not belong to: no report can match both. The page says so and
 * offers each filter without the other, instead of an empty list that looks like "no reports".
 */
export function contradictoryPlace(
  filters: Pick<PublicFilters, 'parish' | 'apvieniba'>,
  apvienibaOf: ReadonlyMap<string, string>,
): { parish: string; apvieniba: string } | undefined {
  const { parish, apvieniba } = filters;
  if (!parish || !apvieniba) return undefined;
  return apvienibaOf.get(parish) === apvieniba ? undefined : { parish, apvieniba };
}

/**
 * The list's URL for these filters and a page: only what is set, in a stable order, to share.
 * `base` is /reports, or /map for the same list beside its map.
 */
export function listUrl(filters: Omit<PublicFilters, 'page'>, page = 1, base = '/reports'): string {
  const params = new URLSearchParams();
  for (const name of [...FILTERS, 'q'] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** A report id as a cursor: digits only, within PostgreSQL's `integer`. */
/**
 * `?parish[]=kaunatas`, as a script or a form library writes it, is read as `?parish=kaunatas`:
 * left under its own name it was no filter at all, and the list, open data and the feeds answered
 * with everything, saying nothing.
 */
function withBracketNames(raw: Record<string, unknown>): Record<string, unknown> {
  let out = raw;
  for (const name of [...FILTERS, 'q', 'page'] as const) {
    const bracketed = raw[`${name}[]`];
    if (bracketed !== undefined && raw[name] === undefined) out = { ...out, [name]: bracketed };
  }
  return out;
}

const CURSOR_PATTERN = /^[1-9][0-9]{0,9}$/;
const MAX_ID = 2_147_483_647;

/**
 * The list's cursor, `?after=<id>` (the page after that report) or `?before=<id>` (the page before
 * it). `bad` is a cursor given but not a report id (edited, truncated): the page says so and shows
 * the first page, never an error.
 */
export function parseCursor(
  raw: Record<string, unknown>,
): { after: number } | { before: number } | 'bad' | undefined {
  for (const name of ['after', 'before'] as const) {
    const value = first(raw[name]);
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !CURSOR_PATTERN.test(value) || Number(value) > MAX_ID) return 'bad';
    return name === 'after' ? { after: Number(value) } : { before: Number(value) };
  }
  return undefined;
}

/** The list's URL for these filters from a cursor: the "next" and "previous" links. */
export function cursorUrl(
  filters: Omit<PublicFilters, 'page'>,
  cursor: { after: number } | { before: number },
  base = '/reports',
): string {
  const url = listUrl(filters, 1, base);
  const [name, id] = 'after' in cursor ? ['after', cursor.after] : ['before', cursor.before];
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${id}`;
}

/** Page numbers to link: the first, the last and two either side of the current; `null` is a gap. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return numbers.flatMap((n, index) => (index > 0 && n - numbers[index - 1]! > 1 ? [null, n] : [n]));
}
