import crypto from 'node:crypto';
import type { Queryable } from '../db/transaction.js';
import type { Photo } from '../reports/types.js';
import { isPhotoError, type PhotoErrorCode } from '../uploads/errors.js';
import { processPhoto } from '../uploads/photo-processor.js';
import { newPhotoKey, thumbnailKey, type PhotoStorage } from '../uploads/storage.js';
import type { PhotoRepository } from './repository.js';
import type { PendingPhoto } from './types.js';

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

export interface UploadProblem {
  file: string;
  code: PhotoErrorCode;
}

const PENDING_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * Photos arrive with a form before the report exists. Each one is re-encoded and stored at once as
 * a pending upload, so a form that comes back with errors keeps them; the report takes them over
 * in its transaction, and pending uploads nobody claimed are purged after a day.
 */
export class PhotoService {
  constructor(
    private readonly photos: PhotoRepository,
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
        pending.push(await this.store(file, now));
      } catch (error) {
        if (!isPhotoError(error)) throw error;
        problems.push({ file: file.originalname, code: error.code });
      }
    }
    return { pending, problems };
  }

  /** Re-encodes one file, stores it and its thumbnail, and records it as a pending upload. */
  private async store(file: UploadedFile, now: Date): Promise<PendingPhoto> {
    const processed = await processPhoto(file.buffer, { maxBytes: MAX_PHOTO_BYTES });
    const key = newPhotoKey();
    await this.storage.put(key, processed.image, processed.contentType);
    await this.storage.put(thumbnailKey(key), processed.thumbnail, processed.contentType);
    return this.photos.insertPending(
      {
        id: crypto.randomBytes(16).toString('base64url').slice(0, 22),
        storage_key: key,
        width: processed.width,
        height: processed.height,
        thumb_width: processed.thumbnailWidth,
        thumb_height: processed.thumbnailHeight,
      },
      now,
    );
  }

  /** The pending uploads a form still carries; unknown or already used ids are ignored. */
  async pending(ids: readonly string[]): Promise<PendingPhoto[]> {
    const valid = [...new Set(ids.filter((id) => PENDING_ID.test(id)))];
    if (valid.length === 0) return [];
    return this.photos.pendingByIds(valid);
  }

  async pendingById(id: string): Promise<PendingPhoto | undefined> {
    if (!PENDING_ID.test(id)) return undefined;
    return this.photos.pendingById(id);
  }

  /** Moves pending uploads to a report (and an update of it) inside the caller's transaction. */
  async attach(
    trx: Queryable,
    photos: readonly PendingPhoto[],
    reportId: number,
    updateId: number | null,
  ): Promise<void> {
    if (photos.length === 0) return;
    const deleted = await this.photos.claimPending(
      trx,
      photos.map((photo) => photo.id),
    );
    // A pending upload claimed twice (a double submit) is attached only once.
    if (deleted !== photos.length) throw new Error('pending upload already used');
    await this.photos.insertReportPhotos(trx, photos, reportId, updateId);
  }

  /** Every photo of a report, its own first, then those of its updates. */
  ofReport(reportId: number): Promise<Photo[]> {
    return this.photos.ofReport(reportId);
  }

  /** The storage keys of the report's own photos, for the emails that link them. */
  reportKeys(db: Queryable, reportId: number): Promise<string[]> {
    return this.photos.reportKeys(db, reportId);
  }

  /** The storage keys of every photo of these reports, read before the reports are deleted. */
  keysOfReports(reportIds: readonly number[]): Promise<string[]> {
    return this.photos.keysOfReports(reportIds);
  }

  async removeStored(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key);
      await this.storage.delete(thumbnailKey(key));
    }
  }

  async purgePending(before: Date): Promise<number> {
    const rows = await this.photos.pendingBefore(before);
    if (rows.length === 0) return 0;
    await this.photos.deletePending(rows.map((row) => row.id));
    await this.removeStored(rows.map((row) => row.storageKey));
    return rows.length;
  }

  /** Which report a stored photo belongs to, for deciding who may see it. */
  async ownerOf(storageKey: string): Promise<{ reportId: number } | { pending: true } | undefined> {
    const reportId = await this.photos.reportOf(storageKey);
    if (reportId !== undefined) return { reportId };
    return (await this.photos.isPending(storageKey)) ? { pending: true } : undefined;
  }

  read(key: string) {
    return this.storage.get(key);
  }
}
