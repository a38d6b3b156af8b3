import type { Knex } from 'knex';
import { containing } from '../db/like.js';
import { prepared } from '../db/prepared.js';
import { changeFeed } from '../page-cache/feed.js';
import { StatementMemo, type StatementValues } from '../db/statement-memo.js';
import { refInSearch } from '../reports/refs.js';
import { publicOnly, REPORTS } from '../reports/repository.js';
import { MASKED_NAME, TEXT_LANGUAGE } from '../reports/rows.js';
import type { PublicFilters, ReportSummary } from '../reports/types.js';
import { UPDATES } from '../timeline/repository.js';
import {
  keysetQuery,
  readKeysetPage,
  rowToSummary,
  type KeysetPage,
  type KeysetRow,
  type ListPosition,
  type SummaryRow,
} from './list-keyset.js';
import { ListCounts } from './list-counts.js';

export const PAGE_SIZE = 20;

/**
 * The ids of reports whose words, or whose public and not hidden updates, contain the search
 * (case and diacritics folded: "cels" finds "Ceļš"), or whose number it names. The words are
 * those the public reads (`search_text`, contacts and a name kept back masked: a phone number
 * typed into a report does not find it). Each part reads its own trigram index (migration
 * 20261221010000, the same expressions); whether a report may be shown is the caller's filter.
 */
function searchedIds(knex: Knex, q: string): Knex.QueryBuilder {
  const pattern = containing(q);
  // The rule of a report's public page: only public updates, and never the text of a hidden one.
  const inUpdates = knex(UPDATES)
    .select('report_id')
    .where('is_public', true)
    .whereNull('hidden_at')
    .whereNotNull('search_text')
    .whereRaw('tilts_fold(search_text) LIKE tilts_fold(?)', [pattern]);
  const ids = knex(REPORTS)
    .select('reports.id')
    .whereRaw('tilts_fold(reports.search_text) LIKE tilts_fold(?)', [pattern])
    .union(inUpdates);
  const ref = refInSearch(q);
  if (ref) void ids.union(knex(REPORTS).select('id').where('ref', ref));
  return ids;
}

/**
 * The public list's filters (place, category, status, words) on a query of reports: the list and
 * the open data select the same reports for the same query string.
 */
export function whereListFilters(
  knex: Knex,
  query: Knex.QueryBuilder,
  filters: Omit<PublicFilters, 'page'>,
): Knex.QueryBuilder {
  if (filters.parish) void query.where('reports.parish_code', filters.parish);
  if (filters.apvieniba) {
    void query.whereIn(
      'reports.parish_code',
      knex('parishes').select('code').where('apvieniba_code', filters.apvieniba),
    );
  }
  if (filters.category) void query.where('reports.category_code', filters.category);
  if (filters.status) void query.where('reports.status', filters.status);
  if (filters.q) void query.whereIn('reports.id', searchedIds(knex, filters.q));
  return query;
}

type Filters = Omit<PublicFilters, 'page'>;
const PLACE_AND_KIND = ['parish', 'apvieniba', 'category', 'status'] as const;

/**
 * A list page's values by name (only those given), for a statement written once per shape: which
 * filters are set and where the page starts fix the statement's text, the values only its bindings.
 */
function listValues(filters: Filters, position: ListPosition): StatementValues {
  const values: Record<string, string | number> = {};
  for (const name of PLACE_AND_KIND) {
    const value = filters[name];
    if (value) values[name] = value;
  }
  // The first page has no OFFSET at all (knex writes none for 0): a statement of its own.
  if ('offset' in position) {
    if (position.offset > 0) values.offset = position.offset;
  } else if ('after' in position) values.after = position.after;
  else values.before = position.before;
  return values;
}

const fromValues = (values: StatementValues) => {
  const filters: Filters = {};
  for (const name of PLACE_AND_KIND) if (name in values) filters[name] = values[name] as never;
  const position: ListPosition =
    'after' in values
      ? { after: values.after as number }
      : 'before' in values
        ? { before: values.before as number }
        : { offset: (values.offset as number | undefined) ?? 0 };
  return { filters, position };
};

/** What a list's count is kept under: its cap and the filters that choose its reports. */
const countKey = (values: StatementValues, cap: number | null) =>
  JSON.stringify([cap, ...PLACE_AND_KIND.map((name) => values[name] ?? null)]);

/** Public reports as lists show them: filtered and paged, or the open ones near a new report. */
export class ReportListRepository {
  private readonly statements: StatementMemo;

  constructor(
    private readonly knex: Knex,
    private readonly counts = new ListCounts(changeFeed(knex)),
  ) {
    this.statements = new StatementMemo(knex);
  }

  private filtered(filters: Filters): Knex.QueryBuilder {
    return whereListFilters(this.knex, publicOnly(this.knex(REPORTS)), filters);
  }

  /**
   * A page of the public list from one query. `countCap` bounds the count ("more than 1,000"),
   * `null` counts every match. Without words to search, the statement is written once per shape
   * (which filters, which kind of position, the cap, whether it counts) and the count is kept
   * between changes (`ListCounts`), so most views read only their page; a search's statement is
   * written and counted each time (its pattern is made from the words).
   */
  async page(filters: Filters, position: ListPosition, countCap: number | null): Promise<KeysetPage> {
    const write = (countTotal: boolean) => (values: StatementValues) => {
      const given = fromValues(values);
      const search = filters.q ? { q: filters.q } : {};
      return keysetQuery(
        this.knex,
        () => this.filtered({ ...given.filters, ...search }),
        given.position,
        PAGE_SIZE,
        countCap,
        countTotal,
      );
    };
    const values = listValues(filters, position);
    if (filters.q) {
      const rows = (await prepared(write(true)(values))) as KeysetRow[];
      return readKeysetPage(rows, position, PAGE_SIZE, countCap);
    }
    const key = countKey(values, countCap);
    const known = this.counts.get(key);
    const since = this.counts.position;
    const rows = await this.statements.rows<KeysetRow>(
      `cap ${countCap}${known === undefined ? '' : ', count known'}`,
      values,
      write(known === undefined),
    );
    const page = readKeysetPage(rows, position, PAGE_SIZE, countCap, known);
    if (known === undefined) this.counts.remember(key, page.total, since);
    return page;
  }

  /** The first pages of a place's lists, with exact totals (one query each). */
  async listPublic(filters: PublicFilters): Promise<{ reports: ReportSummary[]; total: number }> {
    const { reports, total } = await this.page(filters, { offset: (filters.page - 1) * PAGE_SIZE }, null);
    return { reports, total };
  }

  /** Open public reports of a category in a parish, nearest first where both have a pin. */
  async nearbyOpen(target: {
    categoryCode: string;
    parishCode: string;
    lat: number | null;
    lon: number | null;
    radiusMetres: number;
    limit: number;
  }): Promise<ReportSummary[]> {
    const query = publicOnly(this.knex(REPORTS))
      .where({ category_code: target.categoryCode, parish_code: target.parishCode })
      .whereIn('status', ['open', 'acknowledged', 'in_progress'])
      .select(
        'id',
        'ref',
        'category_code',
        'parish_code',
        'title',
        'location',
        this.knex.raw(`${TEXT_LANGUAGE} as language`),
        'status',
        'created_at',
        'lat',
        'lon',
        this.knex.raw(MASKED_NAME),
      )
      .limit(target.limit);
    if (target.lat !== null && target.lon !== null) {
      // Equirectangular distance is exact enough at 300 m; reports without a pin still match by parish.
      const distance = `6371000 * sqrt(power(radians(lat - ?), 2) + power(cos(radians(?)) * radians(lon - ?), 2))`;
      const bindings = [target.lat, target.lat, target.lon];
      void query
        .where((where) => {
          void where.whereNull('lat').orWhereRaw(`${distance} <= ?`, [...bindings, target.radiusMetres]);
        })
        .orderByRaw(`case when lat is null then 1 else 0 end, ${distance}`, bindings);
    } else {
      void query.orderBy('created_at', 'desc');
    }
    const rows = (await query) as SummaryRow[];
    return rows.map((row) => rowToSummary(row, null));
  }
}
