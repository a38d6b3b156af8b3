import type { Knex } from 'knex';
import { PHOTOS } from '../photos/repository.js';
import { publicOnly, REPORTS, type ReportRow } from '../reports/repository.js';
import type { PublicFilters, ReportSummary } from '../reports/types.js';

export const PAGE_SIZE = 20;

type SummaryRow = Pick<
  ReportRow,
  | 'id'
  | 'ref'
  | 'category_code'
  | 'parish_code'
  | 'title'
  | 'location'
  | 'status'
  | 'created_at'
  | 'lat'
  | 'lon'
>;

/** What a list shows of a report: never the reporter's contact details. */
const rowToSummary = (row: SummaryRow, thumbKey: string | null): ReportSummary => ({
  id: row.id,
  ref: row.ref,
  categoryCode: row.category_code,
  parishCode: row.parish_code,
  title: row.title,
  location: row.location,
  status: row.status,
  createdAt: row.created_at,
  thumbKey,
  lat: row.lat,
  lon: row.lon,
});

/** Public reports as lists show them: filtered and paged, or the open ones near a new report. */
export class ReportListRepository {
  constructor(private readonly knex: Knex) {}

  private filtered(filters: Omit<PublicFilters, 'page'>): Knex.QueryBuilder {
    const query = publicOnly(this.knex(REPORTS));
    if (filters.parish) void query.where('reports.parish_code', filters.parish);
    if (filters.apvieniba) {
      void query.whereIn(
        'reports.parish_code',
        this.knex('parishes').select('code').where('apvieniba_code', filters.apvieniba),
      );
    }
    if (filters.category) void query.where('reports.category_code', filters.category);
    if (filters.status) void query.where('reports.status', filters.status);
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      void query.whereRaw(
        "(reports.title || ' ' || reports.description || ' ' || reports.location) ILIKE ?",
        [pattern],
      );
    }
    return query;
  }

  async listPublic(filters: PublicFilters): Promise<{ reports: ReportSummary[]; total: number }> {
    const newestFirst = [
      { column: 'reports.created_at', order: 'desc' },
      { column: 'reports.id', order: 'desc' },
    ];
    // The page's ids come from the index alone; only those 20 rows are read and get a thumbnail
    // (page 50 would otherwise look up a thumbnail for each of the 980 rows it skips).
    const page = this.filtered(filters)
      .select('reports.id')
      .orderBy(newestFirst)
      .limit(PAGE_SIZE)
      .offset((filters.page - 1) * PAGE_SIZE)
      .as('page');
    const [[countRow], rows] = (await Promise.all([
      this.filtered(filters).count({ count: '*' }),
      this.knex
        .from(page)
        .join(REPORTS, 'reports.id', 'page.id')
        .select(
          'reports.id',
          'reports.ref',
          'reports.category_code',
          'reports.parish_code',
          'reports.title',
          'reports.location',
          'reports.status',
          'reports.created_at',
          'reports.lat',
          'reports.lon',
          this.knex.raw(
            `(select storage_key from ${PHOTOS} p where p.report_id = reports.id and p.update_id is null and p.hidden_at is null order by p.position, p.id limit 1) as thumb_key`,
          ),
        )
        .orderBy(newestFirst),
    ])) as [{ count: number }[], (SummaryRow & { thumb_key: string | null })[]];
    return {
      total: Number(countRow?.count ?? 0),
      reports: rows.map((row) => rowToSummary(row, row.thumb_key)),
    };
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
