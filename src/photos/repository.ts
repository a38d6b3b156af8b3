import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import { hiddenColumns, type HiddenMark } from '../reports/hidden.js';
import type { Photo } from '../reports/types.js';
import { thumbnailKey } from '../uploads/storage.js';
import type { PendingPhoto } from './types.js';

export const PENDING = 'pending_uploads';
export const PHOTOS = 'report_photos';

export interface PendingRow {
  id: string;
  storage_key: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
}

const rowToPending = (row: PendingRow): PendingPhoto => ({
  id: row.id,
  storageKey: row.storage_key,
  width: row.width,
  height: row.height,
  thumbWidth: row.thumb_width,
  thumbHeight: row.thumb_height,
});

export interface PhotoRow {
  id: number;
  storage_key: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
  update_id: number | null;
  /** A Date from a row, an ISO string from the timeline's JSON. */
  hidden_at?: Date | string | null;
}

export const rowToPhoto = (row: PhotoRow): Photo => ({
  id: row.id,
  storageKey: row.storage_key,
  width: row.width,
  height: row.height,
  thumbWidth: row.thumb_width,
  thumbHeight: row.thumb_height,
  updateId: row.update_id,
  hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null,
});

/** One photo as moderation sees it: whose it is, and whether (and why) it is hidden. */
export interface ModeratedPhoto extends Photo {
  reportId: number;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

/** Pending uploads and the photos of reports (and of their updates). */
export class PhotoRepository {
  constructor(private readonly knex: Knex) {}

  async insertPending(row: PendingRow, now: Date): Promise<PendingPhoto> {
    await this.knex(PENDING).insert({ ...row, created_at: now });
    return rowToPending(row);
  }

  /** The pending uploads with these ids, in the order of `ids`; unknown ids are left out. */
  async pendingByIds(ids: readonly string[]): Promise<PendingPhoto[]> {
    const rows = (await this.knex(PENDING).whereIn('id', ids)) as PendingRow[];
    return ids
      .map((id) => rows.find((row) => row.id === id))
      .filter((row) => row !== undefined)
      .map(rowToPending);
  }

  async pendingById(id: string): Promise<PendingPhoto | undefined> {
    const row = (await this.knex(PENDING).where({ id }).first()) as PendingRow | undefined;
    return row ? rowToPending(row) : undefined;
  }

  /** Deletes these pending uploads inside the caller's transaction; answers how many there were. */
  async claimPending(trx: Queryable, ids: readonly string[]): Promise<number> {
    return affectedRows(await trx(PENDING).whereIn('id', ids).delete());
  }

  async insertReportPhotos(
    trx: Queryable,
    photos: readonly PendingPhoto[],
    reportId: number,
    updateId: number | null,
  ): Promise<void> {
    await trx(PHOTOS).insert(
      photos.map((photo, position) => ({
        report_id: reportId,
        update_id: updateId,
        storage_key: photo.storageKey,
        width: photo.width,
        height: photo.height,
        thumb_width: photo.thumbWidth,
        thumb_height: photo.thumbHeight,
        position,
      })),
    );
  }

  async deletePending(ids: readonly string[]): Promise<void> {
    await this.knex(PENDING).whereIn('id', ids).delete();
  }

  /**
   * Deletes those of these pending uploads nobody claimed, in one statement, and answers their
   * storage keys: one a report took over meanwhile is no longer pending, and keeps its files.
   */
  async removeUnclaimed(ids: readonly string[]): Promise<string[]> {
    const rows = (await this.knex(PENDING).whereIn('id', ids).delete().returning('storage_key')) as {
      storage_key: string;
    }[];
    return rows.map((row) => row.storage_key);
  }

  /**
   * Deletes the pending uploads made before `before` in one statement and answers their storage
   * keys: a form that claims one at the same moment either got it first or finds it gone, so no
   * report is left pointing at files the purge then removes.
   */
  async purgePendingBefore(before: Date): Promise<string[]> {
    const rows = (await this.knex(PENDING)
      .where('created_at', '<', before)
      .delete()
      .returning('storage_key')) as { storage_key: string }[];
    return rows.map((row) => row.storage_key);
  }

  /** Which of these storage keys a pending upload or a report's photo still owns. */
  async ownedKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    // One statement, so a photo moving from pending to a report in between is seen on one side.
    const rows = (await this.knex
      .select('storage_key')
      .from(PENDING)
      .whereIn('storage_key', keys)
      .union((query) => {
        void query.select('storage_key').from(PHOTOS).whereIn('storage_key', keys);
      })) as { storage_key: string }[];
    return new Set(rows.map((row) => row.storage_key));
  }

  /**
   * The report a stored photo belongs to, if it belongs to one and may be served at all: a photo a
   * moderator hid, or one of an update a moderator hid, is served to nobody (signed link or not).
   */
  async reportOf(storageKey: string): Promise<number | undefined> {
    const photo = (await this.knex(`${PHOTOS} as p`)
      .leftJoin('report_updates as u', 'u.id', 'p.update_id')
      .where('p.storage_key', storageKey)
      .whereNull('p.hidden_at')
      .whereNull('u.hidden_at')
      .first('p.report_id')) as { report_id: number } | undefined;
    return photo?.report_id;
  }

  /** One photo of a report, for hiding or showing it again; `lock` holds it for the transaction. */
  async moderated(
    db: Queryable,
    reportId: number,
    id: number,
    lock = false,
  ): Promise<ModeratedPhoto | undefined> {
    const query = db(PHOTOS).where({ id, report_id: reportId }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as (PhotoRow & { report_id: number; hidden_reason: string | null }) | undefined;
    if (!row) return undefined;
    return {
      ...rowToPhoto(row),
      reportId: row.report_id,
      hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null,
      hiddenReason: row.hidden_reason,
    };
  }

  /** Hides a photo (its files are kept) or shows it again. */
  async setHidden(db: Queryable, id: number, mark: HiddenMark | null): Promise<void> {
    await db(PHOTOS).where({ id }).update(hiddenColumns(mark));
  }

  async isPending(storageKey: string): Promise<boolean> {
    const pending = (await this.knex(PENDING).where({ storage_key: storageKey }).first('id')) as
      { id: string } | undefined;
    return pending !== undefined;
  }

  /** Every photo of a report: its own first, then those of its updates. */
  /** The storage keys of the newest report photos with their thumbnails' (start-up's check). */
  async newestReportKeys(limit: number): Promise<string[]> {
    const rows = (await this.knex(PHOTOS).orderBy('id', 'desc').limit(limit).select('storage_key')) as {
      storage_key: string;
    }[];
    return rows.flatMap((row) => [row.storage_key, thumbnailKey(row.storage_key)]);
  }

  async ofReport(reportId: number): Promise<Photo[]> {
    const rows = await this.knex(PHOTOS)
      .where('report_id', reportId)
      .orderByRaw('update_id nulls first, position, id');
    return (rows as PhotoRow[]).map(rowToPhoto);
  }

  /** The storage keys of the report's own photos (not its updates', nor hidden ones), in their order. */
  async reportKeys(db: Queryable, reportId: number): Promise<string[]> {
    const rows = (await db(PHOTOS)
      .where({ report_id: reportId })
      .whereNull('update_id')
      .whereNull('hidden_at')
      .orderBy('position')) as {
      storage_key: string;
    }[];
    return rows.map((row) => row.storage_key);
  }

  /** The storage keys of every photo of these reports and their updates. */
  async keysOfReports(reportIds: readonly number[]): Promise<string[]> {
    const rows = (await this.knex(PHOTOS)
      .whereIn('report_id', reportIds)
      .select('report_id', 'storage_key')) as {
      report_id: number;
      storage_key: string;
    }[];
    return rows.map((row) => row.storage_key);
  }
}
