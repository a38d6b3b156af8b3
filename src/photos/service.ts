import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import { isPhotoError, type PhotoErrorCode } from '../uploads/errors.js';
import { processPhoto } from '../uploads/photo-processor.js';
import { newPhotoKey, thumbnailKey, type PhotoStorage } from '../uploads/storage.js';

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface PendingPhoto {
  id: string;
  storageKey: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
}

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

export interface UploadProblem {
  file: string;
  code: PhotoErrorCode;
}

const PENDING = 'pending_uploads';
const PENDING_ID = /^[A-Za-z0-9_-]{22}$/;

interface PendingRow {
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

/**
 * Photos arrive with a form before the report exists. Each one is re-encoded and stored at once as
 * a pending upload, so a form that comes back with errors keeps them; the report takes them over
 * in its transaction, and pending uploads nobody claimed are purged after a day.
 */
export class PhotoService {
  constructor(
    private readonly knex: Knex,
    private readonly storage: PhotoStorage,
  ) {}

  async accept(
    files: readonly UploadedFile[],
    now: Date,
  ): Promise<{ pending: PendingPhoto[]; problems: UploadProblem[] }> {
    const pending: PendingPhoto[] = [];
    const problems: UploadProblem[] = [];
    // One at a time: five 12-megapixel decodes at once would double the memory for little gain.
    for (const file of files) {
      if (file.buffer.length > MAX_PHOTO_BYTES) {
        problems.push({ file: file.originalname, code: 'too_large_file' });
        continue;
      }
      try {
        const processed = await processPhoto(file.buffer, { maxBytes: MAX_PHOTO_BYTES });
        const key = newPhotoKey();
        await this.storage.put(key, processed.image, processed.contentType);
        await this.storage.put(thumbnailKey(key), processed.thumbnail, processed.contentType);
        const row: PendingRow = {
          id: crypto.randomBytes(16).toString('base64url').slice(0, 22),
          storage_key: key,
          width: processed.width,
          height: processed.height,
          thumb_width: processed.thumbnailWidth,
          thumb_height: processed.thumbnailHeight,
        };
        await this.knex(PENDING).insert({ ...row, created_at: now });
        pending.push(rowToPending(row));
      } catch (error) {
        if (!isPhotoError(error)) throw error;
        problems.push({ file: file.originalname, code: error.code });
      }
    }
    return { pending, problems };
  }

  /** The pending uploads a form still carries; unknown or already used ids are ignored. */
  async pending(ids: readonly string[]): Promise<PendingPhoto[]> {
    const valid = [...new Set(ids.filter((id) => PENDING_ID.test(id)))];
    if (valid.length === 0) return [];
    const rows = (await this.knex(PENDING).whereIn('id', valid)) as PendingRow[];
    return valid
      .map((id) => rows.find((row) => row.id === id))
      .filter((row) => row !== undefined)
      .map(rowToPending);
  }

  async pendingById(id: string): Promise<PendingPhoto | undefined> {
    if (!PENDING_ID.test(id)) return undefined;
    const row = (await this.knex(PENDING).where({ id }).first()) as PendingRow | undefined;
    return row ? rowToPending(row) : undefined;
  }

  /** Moves pending uploads to a report (and an update of it) inside the caller's transaction. */
  async attach(
    trx: Queryable,
    photos: readonly PendingPhoto[],
    reportId: number,
    updateId: number | null,
  ): Promise<void> {
    if (photos.length === 0) return;
    const deleted = affectedRows(
      await trx(PENDING)
        .whereIn(
          'id',
          photos.map((photo) => photo.id),
        )
        .delete(),
    );
    // A pending upload claimed twice (a double submit) is attached only once.
    if (deleted !== photos.length) throw new Error('pending upload already used');
    await trx('report_photos').insert(
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

  async removeStored(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key);
      await this.storage.delete(thumbnailKey(key));
    }
  }

  async purgePending(before: Date): Promise<number> {
    const rows = (await this.knex(PENDING)
      .where('created_at', '<', before)
      .select('id', 'storage_key')) as PendingRow[];
    if (rows.length === 0) return 0;
    await this.knex(PENDING)
      .whereIn(
        'id',
        rows.map((row) => row.id),
      )
      .delete();
    await this.removeStored(rows.map((row) => row.storage_key));
    return rows.length;
  }

  /** Which report a stored photo belongs to, for deciding who may see it. */
  async ownerOf(storageKey: string): Promise<{ reportId: number } | { pending: true } | undefined> {
    const photo = (await this.knex('report_photos').where({ storage_key: storageKey }).first('report_id')) as
      { report_id: number } | undefined;
    if (photo) return { reportId: photo.report_id };
    const pending = (await this.knex(PENDING).where({ storage_key: storageKey }).first('id')) as
      { id: string } | undefined;
    return pending ? { pending: true } : undefined;
  }

  read(key: string) {
    return this.storage.get(key);
  }
}
