import type { Knex } from 'knex';
import { PHOTOS } from '../photos/repository.js';
import { REPORTS } from '../reports/repository.js';
import { MASKED_NAME, TEXT_LANGUAGE } from '../reports/rows.js';
import type { ReportSummary } from '../reports/types.js';

/**
 * Where a page of the list starts: after `offset` reports (a numbered page, `?page=N`), or just
 * older or just newer than a report of the list (the "next" and "previous" links, `?after=<id>`
 * and `?before=<id>`). A cursor reads the index from its report on, however deep it is; an offset
 * is only ever used for the numbered pages near the top and for old `?page=N` links.
 */
export type ListPosition = { offset: number } | { after: number } | { before: number };

/** One page of the list, from one query. */
export interface KeysetPage {
  reports: ReportSummary[];
  /** How many reports match, counted up to `cap + 1`: exact when `more` is false. */
  total: number;
  /** More than `cap` reports match: `total` is then only "more than cap". */
  more: boolean;
  /** How many matching reports come before this page's first one; null when more than `cap`. */
  start: number | null;
  hasNext: boolean;
  hasPrevious: boolean;
  /** False when a cursor names a report that does not exist (a hand-made or very old link). */
  cursorFound: boolean;
}

export interface SummaryRow {
  id: number;
  ref: string;
  category_code: string;
  parish_code: string;
  title: string;
  location: string;
  language: ReportSummary['language'];
  status: ReportSummary['status'];
  created_at: Date;
  lat: number | null;
  lon: number | null;
  masked_name: string | null;
}

/** What a list shows of a report: never the reporter's contact details (a name kept back, to mask it). */
export const rowToSummary = (row: SummaryRow, thumbKey: string | null): ReportSummary => ({
  id: row.id,
  ref: row.ref,
  categoryCode: row.category_code,
  parishCode: row.parish_code,
  title: row.title,
  location: row.location,
  language: row.language,
  status: row.status,
  createdAt: row.created_at,
  thumbKey,
  lat: row.lat,
  lon: row.lon,
  writerName: row.masked_name,
});

const NEWEST_FIRST = [
  { column: 'reports.created_at', order: 'desc' },
  { column: 'reports.id', order: 'desc' },
];
const OLDEST_FIRST = [
  { column: 'reports.created_at', order: 'asc' },
  { column: 'reports.id', order: 'asc' },
];

// The cursor's place in the order, as two scalar subqueries: the planner reads them once, and a row
// comparison against them bounds an index scan on (…, created_at DESC, id DESC).
const CURSOR = `((select c.created_at from ${REPORTS} c where c.id = ?), ?::integer)`;
const KEY = '(reports.created_at, reports.id)';

/** A row of `keysetQuery`: a report of the page (or none), with the counts repeated on each. */
export type KeysetRow = Partial<SummaryRow> & {
  /** Null when the statement was written without the count (`countTotal` false). */
  total: number | string | null;
  newer: number | string | null;
  cursor_found: boolean | null;
  thumb_key: string | null;
};

/**
 * One page of the public list and what its navigation needs, in ONE statement: the page's rows
 * (one more than a page, to know whether another follows), each with its first visible photo; the
 * number of matching reports counted up to `cap + 1` (an index-only count, so a busy list costs the
 * same as a quiet one; `null` counts them all, for a place page's exact figure), unless `countTotal`
 * is false (the caller knows it); and for a cursor, how many reports come before it (also capped).
 * `matching` is the list's filtered query on `reports` (public reports only). Read its rows with
 * `readKeysetPage`.
 */
export function keysetQuery(
  knex: Knex,
  matching: () => Knex.QueryBuilder,
  position: ListPosition,
  pageSize: number,
  cap: number | null,
  countTotal = true,
): Knex.QueryBuilder {
  const ids = matching().select('reports.id');
  let newer: Knex.QueryBuilder | null = null;
  let cursor: number | null = null;
  if ('offset' in position) {
    void ids.orderBy(NEWEST_FIRST).offset(position.offset);
  } else if ('after' in position) {
    cursor = position.after;
    void ids.whereRaw(`${KEY} < ${CURSOR}`, [cursor, cursor]).orderBy(NEWEST_FIRST);
    newer = matching().whereRaw(`${KEY} >= ${CURSOR}`, [cursor, cursor]);
  } else {
    cursor = position.before;
    void ids.whereRaw(`${KEY} > ${CURSOR}`, [cursor, cursor]).orderBy(OLDEST_FIRST);
    newer = matching().whereRaw(`${KEY} > ${CURSOR}`, [cursor, cursor]);
  }
  // The limits are constants of the code, written into the text (skipBinding): a prepared
  // statement's plan made for "any limit" guesses a tenth of the table and is never chosen.
  void ids.limit(pageSize + 1, { skipBinding: true });
  const capped = (query: Knex.QueryBuilder) => {
    void query.select(knex.raw('1'));
    // In the list's order, so that even a count of nearly every row reads the list's index (only
    // as far as the cap) rather than the table.
    if (cap !== null) void query.orderBy(NEWEST_FIRST).limit(cap + 1, { skipBinding: true });
    return knex.count('*').from(query.as('capped'));
  };
  // Each row's thumbnail: the first visible photo of each report on the page, found for the whole
  // page at once. Asked per row, a photos table of a few pages (a new installation's) was read
  // whole for each of the 21 rows, as PostgreSQL rightly prefers that to its index for one row.
  const thumbs = knex
    .from(`${PHOTOS} as p`)
    .distinctOn('p.report_id')
    .select('p.report_id', 'p.storage_key')
    .whereIn('p.report_id', knex.select('id').from('page'))
    .whereNull('p.update_id')
    .whereNull('p.hidden_at')
    .orderBy(['p.report_id', 'p.position', 'p.id']);
  const rows = knex
    .with('page', ids)
    .from('page')
    .join(REPORTS, 'reports.id', 'page.id')
    .leftJoin(thumbs.as('thumbs'), 'thumbs.report_id', 'reports.id')
    .select(
      'reports.id',
      'reports.ref',
      'reports.category_code',
      'reports.parish_code',
      'reports.title',
      'reports.location',
      knex.raw(`${TEXT_LANGUAGE} as language`),
      'reports.status',
      'reports.created_at',
      'reports.lat',
      'reports.lon',
      knex.raw(MASKED_NAME),
      'thumbs.storage_key as thumb_key',
    );
  // One row even when the page is empty, so the count always comes back.
  return knex
    .select(
      'r.*',
      countTotal ? knex.raw('(?) as total', [capped(matching())]) : knex.raw('null::bigint as total'),
      newer ? knex.raw('(?) as newer', [capped(newer)]) : knex.raw('null::bigint as newer'),
      cursor === null
        ? knex.raw('null::boolean as cursor_found')
        : knex.raw(`exists (select 1 from ${REPORTS} c where c.id = ?) as cursor_found`, [cursor]),
    )
    .from(knex.raw('(select 1) as one'))
    .leftJoin(rows.as('r'), (join) => void join.on(knex.raw('true')))
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ]);
}

/** The page that `keysetQuery`'s rows describe; `knownTotal` when they were read without the count. */
export function readKeysetPage(
  result: KeysetRow[],
  position: ListPosition,
  pageSize: number,
  cap: number | null,
  knownTotal?: number,
): KeysetPage {
  const limit = cap ?? Number.POSITIVE_INFINITY;
  const first = result[0]!;
  const total = knownTotal ?? Number(first.total);
  const found = result.filter((row) => row.id !== null && row.id !== undefined) as (KeysetRow & SummaryRow)[];
  const extra = found.length > pageSize;
  // Going back, the extra row is the newest one, furthest from the cursor; otherwise the oldest.
  const page = 'before' in position ? found.slice(extra ? 1 : 0) : found.slice(0, pageSize);
  const newerCount = first.newer === null ? null : Number(first.newer);
  let start: number | null;
  if ('offset' in position) start = position.offset <= limit ? position.offset : null;
  else if (newerCount === null || newerCount > limit) start = null;
  else start = 'after' in position ? newerCount : newerCount - page.length;
  return {
    reports: page.map((row) => rowToSummary(row, row.thumb_key)),
    total,
    more: total > limit,
    start,
    hasNext: 'before' in position ? true : extra,
    hasPrevious: 'before' in position ? extra : 'offset' in position ? position.offset > 0 : true,
    cursorFound: first.cursor_found !== false,
  };
}
