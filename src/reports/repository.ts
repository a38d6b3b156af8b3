import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { formatRef } from './refs.js';
import type { RoutingRule } from './routing.js';
import type {
  AuthorKind,
  Channel,
  CloseReason,
  ContactRole,
  Photo,
  PublicFilters,
  Recipient,
  Report,
  ReportSummary,
  ReportUpdate,
  Status,
} from './types.js';

export const REPORTS = 'reports';
export const UPDATES = 'report_updates';
export const PHOTOS = 'report_photos';
export const RECIPIENTS = 'report_recipients';
export const PAGE_SIZE = 20;

/** The condition that makes a report visible to anyone: used by every public query. */
export function publicOnly(query: Knex.QueryBuilder, table = REPORTS): Knex.QueryBuilder {
  return query
    .where(`${table}.is_private`, false)
    .where(`${table}.hidden`, false)
    .whereNull(`${table}.withdrawn_at`)
    .whereNot(`${table}.status`, 'unconfirmed');
}

interface ReportRow {
  id: number;
  ref: string;
  category_code: string;
  parish_code: string;
  is_private: boolean;
  title: string;
  description: string;
  location: string;
  lat: number | null;
  lon: number | null;
  reporter_name: string;
  reporter_email: string;
  reporter_phone: string | null;
  show_name: boolean;
  language: Language;
  status: Status;
  close_reason: CloseReason | null;
  hidden: boolean;
  confirm_expires_at: Date | null;
  confirmed_at: Date | null;
  routed_at: Date | null;
  withdrawn_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const rowToReport = (row: ReportRow): Report => ({
  id: row.id,
  ref: row.ref,
  categoryCode: row.category_code,
  parishCode: row.parish_code,
  isPrivate: row.is_private,
  title: row.title,
  description: row.description,
  location: row.location,
  lat: row.lat,
  lon: row.lon,
  reporterName: row.reporter_name,
  reporterEmail: row.reporter_email,
  reporterPhone: row.reporter_phone,
  showName: row.show_name,
  language: row.language,
  status: row.status,
  closeReason: row.close_reason,
  hidden: row.hidden,
  confirmExpiresAt: row.confirm_expires_at,
  confirmedAt: row.confirmed_at,
  routedAt: row.routed_at,
  withdrawnAt: row.withdrawn_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

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

interface PhotoRow {
  id: number;
  storage_key: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
  update_id: number | null;
}

export const rowToPhoto = (row: PhotoRow): Photo => ({
  id: row.id,
  storageKey: row.storage_key,
  width: row.width,
  height: row.height,
  thumbWidth: row.thumb_width,
  thumbHeight: row.thumb_height,
  updateId: row.update_id,
});

interface UpdateRow {
  id: number;
  report_id: number;
  author_kind: AuthorKind;
  author_name: string | null;
  channel: Channel;
  from_status: Status | null;
  to_status: Status | null;
  public_text: string | null;
  internal_note: string | null;
  is_public: boolean;
  language: Language | null;
  created_at: Date;
  author_role?: ContactRole | null;
}

const PHOTO_JSON_FIELDS = ['id', 'storage_key', 'width', 'height', 'thumb_width', 'thumb_height', 'update_id']
  .map((column) => `'${column}', p.${column}`)
  .join(', ');

/** An update with its own photos, in their order. */
const rowToUpdate = (row: UpdateRow, photos: Photo[]): ReportUpdate => ({
  id: row.id,
  reportId: row.report_id,
  authorKind: row.author_kind,
  authorName: row.author_name,
  channel: row.channel,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  publicText: row.public_text,
  internalNote: row.internal_note,
  isPublic: row.is_public,
  language: row.language,
  createdAt: row.created_at,
  photos,
  authorRole: row.author_role ?? null,
});

export interface NewReport {
  categoryCode: string;
  parishCode: string;
  isPrivate: boolean;
  title: string;
  description: string;
  location: string;
  lat: number | null;
  lon: number | null;
  reporterName: string;
  reporterEmail: string;
  reporterPhone: string | null;
  showName: boolean;
  language: Language;
  confirmExpiresAt: Date;
}

export interface NewUpdate {
  reportId: number;
  authorKind: AuthorKind;
  authorName?: string | null;
  contactId?: number | null;
  channel: Channel;
  fromStatus?: Status | null;
  toStatus?: Status | null;
  publicText?: string | null;
  internalNote?: string | null;
  isPublic: boolean;
  /** The language the texts are written in, when there is text. */
  language?: Language | null;
}

export class ReportRepository {
  constructor(private readonly knex: Knex) {}

  async insert(db: Queryable, report: NewReport, now: Date): Promise<Report> {
    const { rows } = await db.raw<{ rows: { n: number }[] }>("select nextval('report_number_seq')::int as n");
    const ref = formatRef(now.getUTCFullYear(), rows[0]!.n);
    const [row] = await db<ReportRow>(REPORTS)
      .insert({
        ref,
        category_code: report.categoryCode,
        parish_code: report.parishCode,
        is_private: report.isPrivate,
        title: report.title,
        description: report.description,
        location: report.location,
        lat: report.lat,
        lon: report.lon,
        reporter_name: report.reporterName,
        reporter_email: report.reporterEmail,
        reporter_phone: report.reporterPhone,
        show_name: report.showName,
        language: report.language,
        status: 'unconfirmed',
        confirm_expires_at: report.confirmExpiresAt,
        created_at: now,
        updated_at: now,
      })
      .returning('*');
    return rowToReport(row as ReportRow);
  }

  async byId(id: number, db: Queryable = this.knex, lock = false): Promise<Report | undefined> {
    const query = db<ReportRow>(REPORTS).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as ReportRow | undefined;
    return row ? rowToReport(row) : undefined;
  }

  async byRef(ref: string, db: Queryable = this.knex): Promise<Report | undefined> {
    const row = (await db<ReportRow>(REPORTS).where({ ref }).first()) as ReportRow | undefined;
    return row ? rowToReport(row) : undefined;
  }

  async setStatus(
    db: Queryable,
    id: number,
    changes: {
      status: Status;
      closeReason?: CloseReason | null;
      confirmedAt?: Date;
      routedAt?: Date;
      withdrawnAt?: Date;
    },
    now: Date,
  ): Promise<void> {
    await db(REPORTS)
      .where({ id })
      .update({
        status: changes.status,
        ...(changes.closeReason !== undefined ? { close_reason: changes.closeReason } : {}),
        ...(changes.confirmedAt ? { confirmed_at: changes.confirmedAt } : {}),
        ...(changes.routedAt ? { routed_at: changes.routedAt } : {}),
        ...(changes.withdrawnAt ? { withdrawn_at: changes.withdrawnAt } : {}),
        updated_at: now,
      });
  }

  async addUpdate(db: Queryable, update: NewUpdate, now: Date): Promise<number> {
    const [row] = (await db(UPDATES)
      .insert({
        report_id: update.reportId,
        author_kind: update.authorKind,
        author_name: update.authorName ?? null,
        contact_id: update.contactId ?? null,
        channel: update.channel,
        from_status: update.fromStatus ?? null,
        to_status: update.toStatus ?? null,
        public_text: update.publicText ?? null,
        internal_note: update.internalNote ?? null,
        is_public: update.isPublic,
        language: update.language ?? null,
        created_at: now,
      })
      .returning('id')) as { id: number }[];
    return row!.id;
  }

  async timeline(reportId: number, options: { publicOnly: boolean }): Promise<ReportUpdate[]> {
    // The author's contact role (not their address) tells a page who answered. Each update's
    // photos come in the same query, as JSON, so a report page costs one round trip less.
    const query = this.knex<UpdateRow>(UPDATES)
      .leftJoin('contacts', 'contacts.id', `${UPDATES}.contact_id`)
      .where(`${UPDATES}.report_id`, reportId)
      .select(
        `${UPDATES}.*`,
        'contacts.role as author_role',
        this.knex.raw(
          `(select coalesce(json_agg(json_build_object(${PHOTO_JSON_FIELDS}) order by p.position, p.id), '[]'::json)
            from ${PHOTOS} p where p.report_id = ${UPDATES}.report_id and p.update_id = ${UPDATES}.id) as photos`,
        ),
      )
      .orderBy([
        { column: `${UPDATES}.created_at`, order: 'asc' },
        { column: `${UPDATES}.id`, order: 'asc' },
      ]);
    if (options.publicOnly) void query.where(`${UPDATES}.is_public`, true);
    // Both engines parse a `json` column into objects.
    const rows = (await query) as (UpdateRow & { photos: PhotoRow[] })[];
    return rows.map((row) => rowToUpdate(row, row.photos.map(rowToPhoto)));
  }

  /** When the report was last resolved or closed (null if never): its timeline says so. */
  async closedAt(reportId: number): Promise<Date | null> {
    const row = (await this.knex(UPDATES)
      .where({ report_id: reportId })
      .whereIn('to_status', ['resolved', 'closed'])
      .max({ at: 'created_at' })
      .first()) as { at: Date | string | null } | undefined;
    return row?.at ? new Date(row.at) : null;
  }

  async photos(reportId: number): Promise<Photo[]> {
    const rows = await this.knex(PHOTOS)
      .where('report_id', reportId)
      .orderByRaw('update_id nulls first, position, id');
    return (rows as PhotoRow[]).map(rowToPhoto);
  }

  async routingRules(db: Queryable): Promise<RoutingRule[]> {
    const rows = await db('routing_rules').select(
      'parish_code',
      'apvieniba_code',
      'category_code',
      'contact_id',
    );
    return (
      rows as {
        parish_code: string | null;
        apvieniba_code: string | null;
        category_code: string | null;
        contact_id: number;
      }[]
    ).map((row) => ({
      parishCode: row.parish_code,
      apvienibaCode: row.apvieniba_code,
      categoryCode: row.category_code,
      contactId: row.contact_id,
    }));
  }

  async saveRecipients(db: Queryable, reportId: number, contactIds: number[]): Promise<Recipient[]> {
    if (contactIds.length > 0) {
      const contacts = (await db('contacts')
        .whereIn('id', contactIds)
        .select('id', 'role', 'name', 'email')) as {
        id: number;
        role: string;
        name: string;
        email: string;
      }[];
      await db(RECIPIENTS)
        .insert(
          contacts.map((contact) => ({
            report_id: reportId,
            contact_id: contact.id,
            role: contact.role,
            name: contact.name,
            email: contact.email,
          })),
        )
        .onConflict(['report_id', 'email'])
        .ignore();
    }
    return this.recipients(reportId, db);
  }

  async recipients(reportId: number, db: Queryable = this.knex): Promise<Recipient[]> {
    const rows = (await db(RECIPIENTS).where({ report_id: reportId }).orderBy('id')) as {
      id: number;
      contact_id: number | null;
      role: string;
      name: string;
      email: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      contactId: row.contact_id,
      role: row.role,
      name: row.name,
      email: row.email,
    }));
  }

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
            `(select storage_key from ${PHOTOS} p where p.report_id = reports.id and p.update_id is null order by p.position, p.id limit 1) as thumb_key`,
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
    const rows = (await query) as ReportRow[];
    return rows.map((row) => rowToSummary(row, null));
  }

  /** Unconfirmed reports older than the cut-off, with their photo keys, for the purge job. */
  async staleUnconfirmed(before: Date, limit: number): Promise<{ id: number; keys: string[] }[]> {
    const rows = (await this.knex(REPORTS)
      .where('status', 'unconfirmed')
      .where('created_at', '<', before)
      .select('id')
      .limit(limit)) as { id: number }[];
    if (rows.length === 0) return [];
    const photos = (await this.knex(PHOTOS)
      .whereIn(
        'report_id',
        rows.map((row) => row.id),
      )
      .select('report_id', 'storage_key')) as { report_id: number; storage_key: string }[];
    return rows.map((row) => ({
      id: row.id,
      keys: photos.filter((photo) => photo.report_id === row.id).map((photo) => photo.storage_key),
    }));
  }

  async deleteReports(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.knex(REPORTS).whereIn('id', ids).where('status', 'unconfirmed').delete();
  }

  async muteReporter(reportId: number, now: Date): Promise<void> {
    await this.knex(REPORTS)
      .where({ id: reportId })
      .whereNull('reporter_unsubscribed_at')
      .update({ reporter_unsubscribed_at: now });
  }

  async unsubscribe(subscriptionId: number, now: Date): Promise<void> {
    await this.knex('subscriptions')
      .where({ id: subscriptionId })
      .whereNull('unsubscribed_at')
      .update({ unsubscribed_at: now });
  }

  async countRecentByEmail(email: string, since: Date): Promise<number> {
    const [row] = (await this.knex(REPORTS)
      .whereRaw('lower(reporter_email) = lower(?)', [email])
      .where('created_at', '>=', since)
      .count({ count: '*' })) as { count: number }[];
    return Number(row?.count ?? 0);
  }
}
