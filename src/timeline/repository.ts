import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { PHOTOS, rowToPhoto, type PhotoRow } from '../photos/repository.js';
import { hiddenColumns, type HiddenMark } from '../reports/hidden.js';
import type { Writer } from '../reports/public-words.js';
import { REPORTS } from '../reports/rows.js';
import { WRITER, publicWriterOfRow, type WriterRow } from '../reports/public-words.js';
import type { PrivacyRow } from '../reports/private-answers.js';
import type { Masks } from '../reports/search-words.js';
import type { AuthorKind, Channel, ContactRole, Photo, ReportUpdate, Status } from '../reports/types.js';
import type { ParishType } from '../reference/types.js';

export const UPDATES = 'report_updates';

/**
 * SQL on a timeline row `u`: whether it answers its report. A public word or change of status by
 * someone who handles it (a recipient by email or link, staff in the workspace); an internal note
 * is not public, nothing the reporter does counts, and neither does the report's own coming in
 * (staff taking a report by phone write its move out of `unconfirmed`). The statistics' and the
 * open data's "first response" is the first such row.
 */
export const ANSWERS_REPORT = `u.is_public and u.author_kind in ('recipient', 'staff')
  and u.from_status is distinct from 'unconfirmed'`;

export interface UpdateRow {
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
  /** A Date from a row, an ISO string from JSON (the report page's one query). */
  created_at: Date | string;
  author_role?: ContactRole | null;
  author_parish_type?: ParishType | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  /** The name of the staff member who wrote it in the workspace (staff's timeline only). */
  staff_name?: string | null;
}

/** A photo row as `json_build_object` arguments, for a photo table aliased `p`. */
export const PHOTO_JSON_FIELDS = [
  'id',
  'storage_key',
  'width',
  'height',
  'thumb_width',
  'thumb_height',
  'update_id',
  'hidden_at',
]
  .map((column) => `'${column}', p.${column}`)
  .join(', ');

/** An update with its own photos, in their order. */
export const rowToUpdate = (row: UpdateRow, photos: Photo[]): ReportUpdate => ({
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
  createdAt: new Date(row.created_at),
  photos,
  authorRole: row.author_role ?? null,
  authorParishType: row.author_parish_type ?? null,
  hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null,
  ...(row.staff_name === undefined ? {} : { staffName: row.staff_name }),
});

/** One update as moderation sees it: whether anyone may see it, and whether (and why) it is hidden. */
export interface ModeratedUpdate {
  id: number;
  reportId: number;
  isPublic: boolean;
  publicText: string | null;
  /** Whether photos came with it: a photo alone is something the public sees too. */
  hasPhotos: boolean;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
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
  /** The staff member who wrote it in the workspace. */
  staffId?: number | null;
}

/** What a staff member last wrote on a report, to know the same form sent again. */
export interface StaffWriting {
  toStatus: Status | null;
  publicText: string | null;
  internalNote: string | null;
  createdAt: Date;
}

/** A report's timeline: one row for everything said or changed on it. */
export class TimelineRepository {
  /** `masks` write the words the public search reads (reports/search-words.ts) with the update. */
  constructor(
    private readonly knex: Knex,
    private readonly masks: Masks,
  ) {}

  async addUpdate(db: Queryable, update: NewUpdate, now: Date): Promise<number> {
    const text = update.publicText ?? null;
    // Masked as the report's page shows it: the reporter's contacts, and their name unless shown.
    const searchText = text === null ? null : this.masks.of(text, await this.writer(db, update.reportId));
    const [row] = (await db(UPDATES)
      .insert({
        report_id: update.reportId,
        author_kind: update.authorKind,
        author_name: update.authorName ?? null,
        contact_id: update.contactId ?? null,
        channel: update.channel,
        from_status: update.fromStatus ?? null,
        to_status: update.toStatus ?? null,
        public_text: text,
        search_text: searchText,
        internal_note: update.internalNote ?? null,
        is_public: update.isPublic,
        language: update.language ?? null,
        staff_id: update.staffId ?? null,
        created_at: now,
      })
      .returning('id')) as { id: number }[];
    return row!.id;
  }

  /** The last update this staff member wrote on this report since `since`, if any. */
  lastByStaff(
    db: Queryable,
    reportId: number,
    staffId: number,
    since: Date,
  ): Promise<StaffWriting | undefined> {
    return this.lastWriting(db, { report_id: reportId, staff_id: staffId }, since);
  }

  /** The last update this routing contact wrote on this report by email since `since`, if any. */
  lastByContactEmail(
    db: Queryable,
    reportId: number,
    contactId: number,
    since: Date,
  ): Promise<StaffWriting | undefined> {
    return this.lastWriting(db, { report_id: reportId, contact_id: contactId, channel: 'email' }, since);
  }

  private async lastWriting(
    db: Queryable,
    where: Record<string, string | number>,
    since: Date,
  ): Promise<StaffWriting | undefined> {
    const row = (await db(UPDATES)
      .where(where)
      .where('created_at', '>=', since)
      .orderBy('id', 'desc')
      .first('to_status', 'public_text', 'internal_note', 'created_at')) as
      Pick<UpdateRow, 'to_status' | 'public_text' | 'internal_note' | 'created_at'> | undefined;
    return row
      ? {
          toStatus: row.to_status,
          publicText: row.public_text,
          internalNote: row.internal_note,
          createdAt: new Date(row.created_at),
        }
      : undefined;
  }

  private async writer(db: Queryable, reportId: number): Promise<Writer> {
    const row = (await db(REPORTS)
      .where({ id: reportId })
      .first(...WRITER)) as WriterRow | undefined;
    return publicWriterOfRow(
      row ?? { reporter_name: null, reporter_email: null, reporter_phone: null, show_name: false },
    );
  }

  /** The report's timeline as the rule of answers written in private reads it, oldest first. */
  async privacyRows(db: Queryable, reportId: number): Promise<PrivacyRow[]> {
    const rows = (await db('report_updates')
      .where({ report_id: reportId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .select(
        'id',
        'author_kind as authorKind',
        'from_status as fromStatus',
        'public_text as publicText',
        'internal_note as internalNote',
        'is_public as isPublic',
        'hidden_at as hiddenAt',
        'created_at as createdAt',
      )) as PrivacyRow[];
    return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
  }

  async timeline(reportId: number, options: { publicOnly: boolean }): Promise<ReportUpdate[]> {
    // The author's contact role (not their address) tells a page who answered. Each update's
    // photos come in the same query, as JSON, so a report page costs one round trip less.
    const query = this.knex<UpdateRow>(UPDATES)
      .leftJoin('contacts', 'contacts.id', `${UPDATES}.contact_id`)
      .leftJoin('parishes', 'parishes.code', 'contacts.parish_code')
      .where(`${UPDATES}.report_id`, reportId)
      .select(
        `${UPDATES}.*`,
        'contacts.role as author_role',
        'parishes.type as author_parish_type',
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
    // Staff read which colleague wrote an update; the office's name is shared by its clerks.
    else
      void query
        .leftJoin('staff_members', 'staff_members.id', `${UPDATES}.staff_id`)
        .select('staff_members.name as staff_name');
    // Both engines parse a `json` column into objects.
    const rows = (await query) as (UpdateRow & { photos: PhotoRow[] })[];
    return rows.map((row) => rowToUpdate(row, row.photos.map(rowToPhoto)));
  }

  /** One update of a report, for hiding or showing it again; `lock` holds it for the transaction. */
  async moderated(
    db: Queryable,
    reportId: number,
    id: number,
    lock = false,
  ): Promise<ModeratedUpdate | undefined> {
    const query = db<UpdateRow>(UPDATES)
      .where({ id, report_id: reportId })
      .select(
        `${UPDATES}.*`,
        db.raw(`exists (select 1 from ${PHOTOS} p where p.update_id = ${UPDATES}.id) as has_photos`),
      )
      .first();
    if (lock) void query.forUpdate();
    const row = (await query) as (UpdateRow & { has_photos: boolean }) | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      reportId: row.report_id,
      isPublic: row.is_public,
      publicText: row.public_text,
      hasPhotos: row.has_photos,
      createdAt: new Date(row.created_at),
      hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null,
      hiddenReason: row.hidden_reason,
    };
  }

  /** Hides an update (it is kept) or shows it again. */
  async setHidden(db: Queryable, id: number, mark: HiddenMark | null): Promise<void> {
    await db(UPDATES).where({ id }).update(hiddenColumns(mark));
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
}
