import { prepared } from '../db/prepared.js';
import type { Queryable } from '../db/transaction.js';
import { PHOTOS, rowToPhoto, type PhotoRow } from '../photos/repository.js';
import { PHOTO_JSON_FIELDS, rowToUpdate, UPDATES, type UpdateRow } from '../timeline/repository.js';
import { REPORTS, rowToReport, type ReportRow } from './rows.js';
import type { Photo, Report, ReportUpdate } from './types.js';

/** What decides whether anyone may see the report another one was closed as a duplicate of. */
export type DuplicateOf = Pick<Report, 'ref' | 'isPrivate' | 'hidden' | 'withdrawnAt' | 'status' | 'heldAt'>;

/** Everything a report's page reads from the database, in one round trip. */
export interface ReportPageRow {
  report: Report;
  /** The report's own photos (not its updates'), hidden ones included, in their order. */
  photos: Photo[];
  /**
   * Its public updates, oldest first, each with its photos and its author's contact role; of a
   * withdrawn report (whose page only its reporter reads) also the withdrawal with its reason.
   */
  timeline: ReportUpdate[];
  duplicateOf: DuplicateOf | null;
}

const photosOf = (where: string) =>
  `(select coalesce(json_agg(json_build_object(${PHOTO_JSON_FIELDS}) order by p.position, p.id), '[]'::json)
     from ${PHOTOS} p where ${where})`;

const updateJsonFields = () =>
  [
    'id',
    'report_id',
    'author_kind',
    'author_name',
    'channel',
    'from_status',
    'to_status',
    'public_text',
    'internal_note',
    'is_public',
    'language',
    'created_at',
    'hidden_at',
  ]
    .map((column) => `'${column}', u.${column}`)
    .join(', ');

/**
 * The report (by ref), its own photos, its public timeline with each update's photos, and the
 * visibility of the report it duplicates, as one statement written once: the page is the most
 * read thing on the site, and building the same SQL with the query builder on every request cost
 * more than running it; on PostgreSQL it is prepared once per connection (db/prepared.ts). Both engines parse the `json` columns into objects. Written on first use:
 * the tables it names come from modules that import this one.
 */
let sql: string | undefined;
const statement = () =>
  (sql ??= `select r.*,
  ${photosOf('p.report_id = r.id and p.update_id is null')} as page_photos,
  (select coalesce(json_agg(json_build_object(${updateJsonFields()},
      'author_role', c.role, 'author_parish_type', cp.type,
      'photos', ${photosOf('p.report_id = u.report_id and p.update_id = u.id')}
    ) order by u.created_at, u.id), '[]'::json)
    from ${UPDATES} u left join contacts c on c.id = u.contact_id left join parishes cp on cp.code = c.parish_code
    where u.report_id = r.id and (u.is_public or (r.withdrawn_at is not null
      and u.author_kind = 'reporter' and u.to_status = 'closed'))) as page_timeline,
  d.ref as dup_ref, d.is_private as dup_is_private, d.hidden as dup_hidden,
  d.withdrawn_at as dup_withdrawn_at, d.status as dup_status, d.held_at as dup_held_at
from ${REPORTS} r left join ${REPORTS} d on d.id = r.duplicate_of
where r.ref = ?`);

interface PageRow extends ReportRow {
  page_photos: PhotoRow[];
  page_timeline: (UpdateRow & { photos: PhotoRow[] })[];
  dup_ref: string | null;
  dup_is_private: boolean | null;
  dup_hidden: boolean | null;
  dup_withdrawn_at: Date | null;
  dup_status: Report['status'] | null;
  dup_held_at: Date | null;
}

/** A report's page as stored, whoever may see it: the caller decides what the visitor is shown. */
export async function readReportPage(db: Queryable, ref: string): Promise<ReportPageRow | undefined> {
  const { rows } = (await prepared(db.raw(statement(), [ref]))) as { rows: PageRow[] };
  const row = rows[0];
  if (!row) return undefined;
  return {
    report: rowToReport(row),
    photos: row.page_photos.map(rowToPhoto),
    timeline: row.page_timeline.map((update) => rowToUpdate(update, update.photos.map(rowToPhoto))),
    duplicateOf:
      row.dup_ref === null
        ? null
        : {
            ref: row.dup_ref,
            isPrivate: row.dup_is_private!,
            hidden: row.dup_hidden!,
            withdrawnAt: row.dup_withdrawn_at,
            status: row.dup_status!,
            heldAt: row.dup_held_at,
          },
  };
}
