import type { Knex } from 'knex';
import { whereListFilters } from '../report-pages/list-repository.js';
import { PLACE_IN_NOVADS_COLUMN, publishedPlace } from '../reports/place-in-novads.js';
import { WRITER, publicWriterOfRow, type WriterRow } from '../reports/public-words.js';
import { publicOnly, REPORTS } from '../reports/repository.js';
import type { PublicFilters } from '../reports/types.js';
import { PHOTOS } from '../photos/repository.js';
import { ANSWERS_REPORT, UPDATES } from '../timeline/repository.js';
import type { OpenReportRow, OpenUpdate } from './records.js';

type ListFilters = Omit<PublicFilters, 'page'>;

interface ReportRow extends WriterRow {
  id: number;
  ref: string;
  category_code: string;
  parish_code: string;
  status: string;
  close_reason: string | null;
  created_at: Date | string;
  confirmed_at: Date | string | null;
  first_response_at: Date | string | null;
  resolved_at: Date | string | null;
  closed_at: Date | string | null;
  lat: number | null;
  lon: number | null;
  place_in_novads: boolean;
  title: string;
  description: string;
  location: string;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

// The reporter's contact is read only so that the service can mask it in their words; no mapper
// below it ever puts it in a published field.
const rowToOpenReport = (row: ReportRow): OpenReportRow => ({
  id: row.id,
  ref: row.ref,
  categoryCode: row.category_code,
  parishCode: row.parish_code,
  status: row.status,
  closeReason: row.close_reason,
  createdAt: new Date(row.created_at),
  confirmedAt: date(row.confirmed_at),
  firstResponseAt: date(row.first_response_at),
  resolvedAt: date(row.resolved_at),
  closedAt: date(row.closed_at),
  // A place stored outside the novads is published as none, as the map leaves it off.
  ...publishedPlace(row),
  title: row.title,
  description: row.description,
  location: row.location,
  writer: publicWriterOfRow(row),
});

/**
 * When a report's public page last changed: published (confirmed), an answer or status change in
 * public, a photo added (to the report or a public update), a public answer or a photo hidden (the page says so, and when), a move to
 * another place or category (staff's note of it is internal, the page's parish and category are
 * not). An assignment, an internal note or a routing change moves `reports.updated_at` and none of
 * these: the sitemap tells no one of internal work, nor sends crawlers to an unchanged page.
 */
const PUBLIC_CHANGE = `greatest(coalesce(reports.confirmed_at, reports.created_at),
  (select max(greatest(u.created_at, u.hidden_at)) from ${UPDATES} u
    where u.report_id = reports.id and u.is_public),
  (select max(u.created_at) from ${UPDATES} u
    where u.report_id = reports.id and not u.is_public and u.internal_note like '{"note":"moved",%'),
  (select max(greatest(p.created_at, p.hidden_at)) from ${PHOTOS} p
    left join ${UPDATES} pu on pu.id = p.update_id
    where p.report_id = reports.id and (p.update_id is null or pu.is_public)))`;

/** When the report last reached its current status (resolved or closed), from its timeline. */
const reachedStatus = (status: 'resolved' | 'closed') =>
  `case when reports.status = '${status}' then (select max(u.created_at) from ${UPDATES} u
     where u.report_id = reports.id and u.to_status = '${status}') end`;

/**
 * What open data publishes: the reports anyone may see (confirmed, public, not hidden, held or
 * withdrawn) in the categories that are public now, read in pages by id so a big table is never
 * held. The categories come as a list (from the reference cache), not a join: a join with the
 * small categories table made PostgreSQL read every remaining report for each page of 500.
 */
export class OpenDataRepository {
  constructor(private readonly knex: Knex) {}

  private published(categories: readonly string[]): Knex.QueryBuilder {
    return publicOnly(this.knex(REPORTS)).whereIn('reports.category_code', categories);
  }

  async reports(
    scope: { categories: readonly string[]; filters: ListFilters },
    afterId: number,
    limit: number,
  ): Promise<OpenReportRow[]> {
    const { knex } = this;
    const rows = (await whereListFilters(knex, this.published(scope.categories), scope.filters)
      .where('reports.id', '>', afterId)
      .select(
        ...[
          'id',
          'ref',
          'category_code',
          'parish_code',
          'status',
          'close_reason',
          'created_at',
          'confirmed_at',
          'lat',
          'lon',
          'title',
          'description',
          'location',
          ...WRITER,
        ].map((column) => `reports.${column}`),
        // The first public word or status change of the parish or the municipality.
        knex.raw(`(select min(u.created_at) from ${UPDATES} u where u.report_id = reports.id
          and ${ANSWERS_REPORT}) as first_response_at`),
        knex.raw(`${reachedStatus('resolved')} as resolved_at`),
        knex.raw(`${reachedStatus('closed')} as closed_at`),
        knex.raw(PLACE_IN_NOVADS_COLUMN),
      )
      .orderBy('reports.id')
      .limit(limit)) as ReportRow[];
    return rows.map(rowToOpenReport);
  }

  /**
   * The updates of these reports that a report's page shows: public, not hidden, with words or a
   * change of status (a one-click "in progress" has no words, and still is the report's history).
   */
  async updates(reportIds: readonly number[]): Promise<OpenUpdate[]> {
    if (reportIds.length === 0) return [];
    const rows = (await this.knex(UPDATES)
      .whereIn('report_id', reportIds)
      .where('is_public', true)
      .whereNull('hidden_at')
      .where((where) => {
        void where.whereNotNull('public_text').orWhereRaw('to_status is distinct from from_status');
      })
      .select('report_id', 'created_at', 'author_kind', 'to_status', 'public_text')
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])) as {
      report_id: number;
      created_at: Date | string;
      author_kind: string;
      to_status: string | null;
      public_text: string | null;
    }[];
    return rows.map((row) => ({
      reportId: row.report_id,
      at: new Date(row.created_at),
      by: row.author_kind,
      toStatus: row.to_status,
      text: row.public_text,
    }));
  }

  async countPublished(categories: readonly string[]): Promise<number> {
    const [row] = (await this.published(categories).count({ count: '*' })) as { count: number }[];
    return Number(row?.count ?? 0);
  }

  /** The id of the published report at this position (0 is the first), where a sitemap part starts. */
  async idAt(categories: readonly string[], position: number): Promise<number | undefined> {
    const row = (await this.published(categories)
      .select('reports.id')
      .orderBy('reports.id')
      .offset(position)
      .first()) as { id: number } | undefined;
    return row?.id;
  }

  /**
   * Report addresses after an id for the sitemap, with when its public page last changed
   * (`PUBLIC_CHANGE`): never `reports.updated_at`, which internal work moves too.
   */
  async sitemapEntries(
    categories: readonly string[],
    afterId: number,
    limit: number,
  ): Promise<{ id: number; ref: string; lastmod: Date }[]> {
    const rows = (await this.published(categories)
      .where('reports.id', '>', afterId)
      .select('reports.id', 'reports.ref', this.knex.raw(`${PUBLIC_CHANGE} as lastmod`))
      .orderBy('reports.id')
      .limit(limit)) as { id: number; ref: string; lastmod: Date | string }[];
    return rows.map((row) => ({ id: row.id, ref: row.ref, lastmod: new Date(row.lastmod) }));
  }
}
