import crypto from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Queryable } from '../db/transaction.js';
import type { Photo } from '../reports/types.js';
import { isPhotoError, storageRefusal, type PhotoErrorCode } from '../uploads/errors.js';
import { processPhoto } from '../uploads/photo-processor.js';
import { newPhotoKey, thumbnailKey, type PhotoStorage } from '../uploads/storage.js';
import { removeStaleUploads } from '../uploads/temp-files.js';
import type { PhotoRepository } from './repository.js';
import type { MissingPhotoNotice } from './storage-check.js';
import type { PendingPhoto } from './types.js';

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/**
 * Hours a photo uploaded to a form that is never sent is kept before the hourly purge deletes it
 * (`purgePending`); the privacy notice states this number (retention/notice-periods.ts).
 */
export const PENDING_KEPT_HOURS = 24;

/**
 * A file to take in: held in memory (an email's attachment), streamed to a temporary file (a
 * form's upload; `accept` removes the file once it is done with it), or already refused by the
 * parser (over the client's upload budget, no room on the disk), to be named with the others.
 */
export type UploadedFile = { originalname: string } & (
  { buffer: Buffer } | { path: string } | { refused: PhotoErrorCode }
);

export interface AcceptOptions {
  /**
   * What a storage failure (a full disk, an unreachable bucket) does: `throw` (the default: an
   * email's photos are tried again with the email) or `report` it as the file's problem, so a form
   * comes back with its text and the photos that were stored.
   */
  storageErrors?: 'throw' | 'report';
}

export interface UploadProblem {
  file: string;
  code: PhotoErrorCode;
}

const PENDING_ID = /^[A-Za-z0-9_-]{22}$/;
const THUMB = '-thumb';

async function removeTemporary(files: readonly UploadedFile[]): Promise<void> {
  for (const file of files) if ('path' in file) await rm(file.path, { force: true });
}

/**
 * Photos arrive with a form before the report exists. Each one is re-encoded and stored at once as
 * a pending upload, so a form that comes back with errors keeps them; the report takes them over
 * in its transaction, and pending uploads nobody claimed are purged after a day.
 *
 * Files and rows cannot drift apart: the pending row is written first (its own statement), then the
 * files; a failed write removes the files and the row again. A crash in between leaves a pending row
 * whose files may be missing (nobody was given its id, and the daily purge removes it), never a
 * file without a row; the purge deletes rows before files, and `sweep` removes any stored file no
 * row owns (a crash during a purge or a report's deletion) and the temporary files a crash left.
 */
export class PhotoService {
  constructor(
    private readonly photos: PhotoRepository,
    private readonly storage: PhotoStorage,
    private readonly options: { uploadTempDir?: string; missing?: Pick<MissingPhotoNotice, 'noticed'> } = {},
  ) {}

  async accept(
    files: readonly UploadedFile[],
    now: Date,
    options: AcceptOptions = {},
  ): Promise<{ pending: PendingPhoto[]; problems: UploadProblem[] }> {
    const pending: PendingPhoto[] = [];
    const problems: UploadProblem[] = [];
    try {
      // One at a time: five 12-megapixel decodes at once would double the memory for little gain.
      for (const file of files) {
        const problem = await this.take(file, now, options, pending);
        if (problem) problems.push({ file: file.originalname, code: problem });
      }
    } finally {
      await removeTemporary(files);
    }
    return { pending, problems };
  }

  private async take(
    file: UploadedFile,
    now: Date,
    options: AcceptOptions,
    pending: PendingPhoto[],
  ): Promise<PhotoErrorCode | undefined> {
    if ('refused' in file) return file.refused;
    if ('buffer' in file && file.buffer.length > MAX_PHOTO_BYTES) return 'too_large_file';
    try {
      pending.push(await this.store('buffer' in file ? file.buffer : file.path, now));
      return undefined;
    } catch (error) {
      if (!isPhotoError(error)) throw error;
      // Nothing wrong with the photo (the disk, the storage, or a decoder too busy to wait for):
      // an email is read again later; a form says so and keeps the rest.
      const notTheFile =
        error.code === 'no_space' || error.code === 'storage_failed' || error.code === 'busy';
      if (notTheFile && options.storageErrors !== 'report') throw error;
      return error.code;
    } finally {
      // Done with it: the temporary file goes now rather than when the response ends.
      if ('path' in file) await rm(file.path, { force: true });
    }
  }

  /** Re-encodes one file, records it as a pending upload, then stores it and its thumbnail. */
  private async store(input: Buffer | string, now: Date): Promise<PendingPhoto> {
    const processed = await processPhoto(input, { maxBytes: MAX_PHOTO_BYTES });
    const key = newPhotoKey();
    const id = crypto.randomBytes(16).toString('base64url').slice(0, 22);
    const photo = await this.photos.insertPending(
      {
        id,
        storage_key: key,
        width: processed.width,
        height: processed.height,
        thumb_width: processed.thumbnailWidth,
        thumb_height: processed.thumbnailHeight,
      },
      now,
    );
    try {
      await this.storage.put(key, processed.image, processed.contentType);
      await this.storage.put(thumbnailKey(key), processed.thumbnail, processed.contentType);
    } catch (error) {
      await this.discard(id, key);
      throw storageRefusal(error);
    }
    return photo;
  }

  /**
   * Undoes a pending upload whose files could not be written: files first, then the row, so that
   * if this fails half-way what is left is a row (the purge's) rather than a file nobody owns.
   */
  private async discard(id: string, key: string): Promise<void> {
    try {
      await this.removeStored([key]);
      await this.photos.deletePending([id]);
    } catch {
      // The storage or the database is failing too; the daily purge removes the row and its files.
    }
  }

  /**
   * Takes back pending uploads a decision took and then did not use (it failed part-way): the rows
   * still pending first, then their files, so a photo a report did take over keeps its files. Best
   * effort: if the database or storage fails now too, the daily purge removes what is left.
   */
  async withdraw(photos: readonly PendingPhoto[]): Promise<void> {
    if (photos.length === 0) return;
    try {
      await this.removeStored(await this.photos.removeUnclaimed(photos.map((photo) => photo.id)));
    } catch {
      // Left to the purge, as when a write fails (discard).
    }
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

  /**
   * Removes the pending uploads made before `before` (rows first, then their files), then sweeps
   * (see `sweep`) what is older than that; the scheduler runs it hourly with a day's grace.
   */
  async purgePending(before: Date): Promise<number> {
    const keys = await this.photos.purgePendingBefore(before);
    await this.removeStored(keys);
    await this.sweep(before);
    return keys.length;
  }

  /**
   * Removes what a crash can leave behind, when last written before `before`: stored files no
   * pending upload or report photo owns, half-written temporary files of the storage, and upload
   * temporary files of requests that never ended. Safe at any time: a file is written only after
   * its row, and a photo moves from pending to a report in one transaction.
   */
  async sweep(before: Date): Promise<{ orphans: number; temporary: number }> {
    let temporary = await this.storage.removeTemporary(before);
    if (this.options.uploadTempDir) temporary += await removeStaleUploads(this.options.uploadTempDir, before);
    let orphans = 0;
    let batch: string[] = [];
    for await (const entry of this.storage.list()) {
      if (entry.modifiedAt >= before) continue;
      batch.push(entry.key);
      if (batch.length < 500) continue;
      orphans += await this.removeOrphans(batch);
      batch = [];
    }
    orphans += await this.removeOrphans(batch);
    return { orphans, temporary };
  }

  private async removeOrphans(keys: readonly string[]): Promise<number> {
    // A thumbnail belongs to the photo whose key it extends.
    const owner = (key: string) => (key.endsWith(THUMB) ? key.slice(0, -THUMB.length) : key);
    const owned = await this.photos.ownedKeys([...new Set(keys.flatMap((key) => [key, owner(key)]))]);
    const orphans = keys.filter((key) => !owned.has(key) && !owned.has(owner(key)));
    for (const key of orphans) await this.storage.delete(key);
    return orphans.length;
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

  /** A report's photo has its row and not its file here: the operator is told (MissingPhotoNotice). */
  missingFile(): void {
    this.options.missing?.noticed();
  }
}
