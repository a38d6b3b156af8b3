import type { Knex } from 'knex';
import { refInSearch } from '../reports/refs.js';
import { publicOnly, REPORTS } from '../reports/repository.js';
import type { PublicFilters, ReportSummary } from '../reports/types.js';
import { UPDATES } from '../timeline/repository.js';
import {
  keysetPage,
  rowToSummary,
  type KeysetPage,
  type ListPosition,
  type SummaryRow,
} from './list-keyset.js';

export const PAGE_SIZE = 20;

// The same expression as the index `reports_search` (migration 20261210030100), so it is used.
const FOLDED_REPORT_TEXT =
  "tilts_fold(reports.title || ' ' || reports.description || ' ' || reports.location)";

/**
 * The ids of reports whose words, or whose public and not hidden updates, contain the search
 * (case and diacritics folded: "cels" finds "Ceļš"), or whose number it names. Each part reads
 * its own trigram index; whether a report itself may be shown is the caller's filter.
 */
function searchedIds(knex: Knex, q: string): Knex.QueryBuilder {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // The rule of a report's public page: only public updates, and never the text of a hidden one.
  const inUpdates = knex(UPDATES)
    .select('report_id')
    .where('is_public', true)
    .whereNull('hidden_at')
    .whereNotNull('public_text')
    .whereRaw('tilts_fold(public_text) LIKE tilts_fold(?)', [pattern]);
  const ids = knex(REPORTS)
    .select('reports.id')
    .whereRaw(`${FOLDED_REPORT_TEXT} LIKE tilts_fold(?)`, [pattern])
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

/** Public reports as lists show them: filtered and paged, or the open ones near a new report. */
export class ReportListRepository {
  constructor(private readonly knex: Knex) {}

  private filtered(filters: Omit<PublicFilters, 'page'>): Knex.QueryBuilder {
    return whereListFilters(this.knex, publicOnly(this.knex(REPORTS)), filters);
  }

  /**
   * A page of the public list from one query. `countCap` bounds the count ("more than 1,000"),
   * `null` counts every match.
   */
  page(
    filters: Omit<PublicFilters, 'page'>,
    position: ListPosition,
    countCap: number | null,
  ): Promise<KeysetPage> {
    return keysetPage(this.knex, () => this.filtered(filters), position, PAGE_SIZE, countCap);
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
        'language',
        'status',
        'created_at',
        'lat',
        'lon',
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
