import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import { PHOTOS } from '../photos/repository.js';
import { PLACE_IN_NOVADS_COLUMN, publishedPlace } from '../reports/place-in-novads.js';
import { WRITER, publicWriterOfRow, type WriterRow } from '../reports/public-words.js';
import { publicOnly, REPORTS, type ReportRow } from '../reports/repository.js';
import type { Status } from '../reports/types.js';
import { MAX_RESULTS, type RequestFilter } from './query.js';
import { statusesFor, type PublicRequestRow } from './shapes.js';

export const OPEN311_REQUESTS = 'open311_requests';

/**
 * The columns a public page shows, and the reporter's contact: read only so that it can be masked
 * wherever the reporter typed it into their words; no field of an answer is ever made of it.
 */
const COLUMNS = [
  'ref',
  'category_code',
  'parish_code',
  'status',
  'close_reason',
  'description',
  'location',
  'lat',
  'lon',
  'created_at',
  'updated_at',
  ...WRITER,
].map((column) => `${REPORTS}.${column}`);

type Row = Pick<
  ReportRow,
  | 'ref'
  | 'category_code'
  | 'parish_code'
  | 'status'
  | 'close_reason'
  | 'description'
  | 'location'
  | 'lat'
  | 'lon'
  | 'created_at'
  | 'updated_at'
  | keyof WriterRow
> & { photo_key: string | null; place_in_novads: boolean };

const rowToRequest = (row: Row): PublicRequestRow => ({
  ref: row.ref,
  categoryCode: row.category_code,
  parishCode: row.parish_code,
  status: row.status,
  closeReason: row.close_reason,
  description: row.description,
  location: row.location,
  // A place stored outside the novads is published as none, as the map leaves it off.
  ...publishedPlace(row),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  photoKey: row.photo_key,
  writer: publicWriterOfRow(row),
});

export interface NewSubmission {
  reportId: number;
  apiKeyId: number;
  token: string;
}

/** Public reports as Open311 requests, and the requests Open311 clients posted. */
export class Open311Repository {
  constructor(private readonly knex: Knex) {}

  /** Public reports only (the rule of every public page), newest first, at most 1000. */
  private publicQuery(): Knex.QueryBuilder {
    // The report's own first photo that is not hidden: public whenever the report is.
    const photo = this.knex(PHOTOS)
      .select('storage_key')
      .whereRaw(`${PHOTOS}.report_id = ${REPORTS}.id`)
      .whereNull(`${PHOTOS}.update_id`)
      .whereNull(`${PHOTOS}.hidden_at`)
      .orderBy([`${PHOTOS}.position`, `${PHOTOS}.id`])
      .limit(1)
      .as('photo_key');
    return publicOnly(this.knex(REPORTS).select(...COLUMNS, photo, this.knex.raw(PLACE_IN_NOVADS_COLUMN)))
      .orderBy([
        { column: `${REPORTS}.created_at`, order: 'desc' },
        { column: `${REPORTS}.id`, order: 'desc' },
      ])
      .limit(MAX_RESULTS);
  }

  async requests(filter: RequestFilter): Promise<PublicRequestRow[]> {
    const query = this.publicQuery();
    if (filter.kind === 'ids') {
      if (filter.refs.length === 0) return [];
      void query.whereIn(`${REPORTS}.ref`, filter.refs);
    } else {
      void query
        .where(`${REPORTS}.created_at`, '>=', filter.from)
        .where(`${REPORTS}.created_at`, '<=', filter.to);
      if (filter.codes) void query.whereIn(`${REPORTS}.category_code`, filter.codes);
      if (filter.statuses) {
        const statuses: Status[] = filter.statuses.flatMap(statusesFor);
        void query.whereIn(`${REPORTS}.status`, statuses);
      }
    }
    return ((await query) as Row[]).map(rowToRequest);
  }

  async request(ref: string): Promise<PublicRequestRow | undefined> {
    const [row] = (await this.publicQuery().where(`${REPORTS}.ref`, ref)) as Row[];
    return row ? rowToRequest(row) : undefined;
  }

  /** The reference of a report while anyone may see it; undefined before (or after) that. */
  async publicRefOf(reportId: number): Promise<string | undefined> {
    const row = (await publicOnly(this.knex(REPORTS).where(`${REPORTS}.id`, reportId)).first(
      `${REPORTS}.ref`,
    )) as { ref: string } | undefined;
    return row?.ref;
  }

  async recordSubmission(db: Queryable, submission: NewSubmission, now: Date): Promise<void> {
    await db(OPEN311_REQUESTS).insert({
      report_id: submission.reportId,
      api_key_id: submission.apiKeyId,
      token: submission.token,
      created_at: now,
    });
  }

  /** The report a client's token stands for, while the report exists. */
  async reportOfToken(token: string): Promise<number | undefined> {
    const row = (await this.knex(OPEN311_REQUESTS).where({ token }).first('report_id')) as
      { report_id: number } | undefined;
    return row?.report_id;
  }
}
