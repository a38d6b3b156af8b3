import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { PhotoRepository, type PendingRow } from '../../src/photos/repository.js';
import { PhotoService } from '../../src/photos/service.js';
import {
  LocalDiskStorage,
  type PhotoStorage,
  type StoredEntry,
  type StoredObject,
} from '../../src/uploads/storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, testJpeg } from '../support/reports.js';
import { drift, enospc, FailingStorage, isStored } from './uploads-helpers.js';

const DAY = 24 * 60 * 60 * 1000;

class Crash extends Error {}

/**
 * A process that dies at its `dieAt`-th step: every storage and database write of the photo
 * pipeline is a step, and once dead nothing it does reaches the disk or the database any more.
 */
class Life {
  steps = 0;
  constructor(private readonly dieAt: number) {}
  step(what: string): void {
    this.steps += 1;
    if (this.steps >= this.dieAt) throw new Crash(`died at step ${this.steps} (${what})`);
  }
}

class MortalStorage implements PhotoStorage {
  constructor(
    private readonly inner: PhotoStorage,
    private readonly life: Life,
  ) {}
  async put(key: string, body: Buffer, contentType: string) {
    this.life.step(`put ${key}`);
    await this.inner.put(key, body, contentType);
  }
  get(key: string): Promise<StoredObject | null> {
    return this.inner.get(key);
  }
  async delete(key: string) {
    this.life.step(`delete ${key}`);
    await this.inner.delete(key);
  }
  list(): AsyncIterable<StoredEntry> {
    return this.inner.list();
  }
  removeTemporary(before: Date) {
    return this.inner.removeTemporary(before);
  }
}

class MortalRepository extends PhotoRepository {
  constructor(
    knex: Knex,
    private readonly life: Life,
  ) {
    super(knex);
  }
  override async insertPending(row: PendingRow, now: Date) {
    this.life.step('insert pending row');
    return super.insertPending(row, now);
  }
  override async deletePending(ids: readonly string[]) {
    this.life.step('delete pending row');
    return super.deletePending(ids);
  }
  override async purgePendingBefore(before: Date) {
    this.life.step('purge pending rows');
    return super.purgePendingBefore(before);
  }
}

describe('photo files and rows after a crash at any step', () => {
  let context: TestContext;
  let storage: LocalDiskStorage;
  let jpeg: Buffer;
  const now = new Date();

  before(async () => {
    context = await makeApp();
    storage = new LocalDiskStorage(context.config.uploadDir);
    jpeg = await testJpeg();
  });

  /** The app after a restart: the real repository and storage, running the hourly purge. */
  async function restartAndPurge(): Promise<void> {
    const photos = new PhotoService(new PhotoRepository(context.services.knex), storage, {
      uploadTempDir: context.config.uploadTempDir,
    });
    // A day later, so pending uploads of the crashed requests are due; files of any age are swept.
    await photos.purgePending(new Date(now.getTime() + DAY + 60_000));
  }

  it('never leaves a file without a row, nor a confirmed report without its files', async () => {
    // A confirmed report with photos, made before any crash, must keep its files throughout.
    const kept = await makeReport(context.services, { photos: 2 });
    // Then photos are taken in and purged in a process that dies at step 1, 2, 3… in turn, until
    // a run gets through every step: insert the row, put the photo, put the thumbnail (and, on a
    // failure, delete them again), then the purge: delete the rows, delete their files.
    let completed = false;
    const crashes: string[] = [];
    for (let dieAt = 1; !completed && dieAt < 30; dieAt += 1) {
      const life = new Life(dieAt);
      // The second file's thumbnail (the fourth put) finds the disk full: the clean-up path runs too.
      const full = new FailingStorage(storage, (n) => (n === 4 ? enospc() : undefined));
      const mortal = new PhotoService(
        new MortalRepository(context.services.knex, life),
        new MortalStorage(full, life),
      );
      let purging = false;
      try {
        await mortal.accept(
          [
            { originalname: 'a.jpg', buffer: jpeg },
            { originalname: 'b.jpg', buffer: jpeg },
          ],
          now,
          { storageErrors: 'report' },
        );
        purging = true;
        await mortal.purgePending(new Date(now.getTime() + DAY));
        completed = true;
      } catch (error) {
        if (!(error instanceof Crash)) throw error;
        crashes.push(error.message);
      }
      const before = await drift(context.services.knex, storage);
      // Right after the crash a pending row may lack its files (nobody got its id), but no
      // confirmed report ever lacks a file, and taking photos in never leaves a file without its
      // row (only the purge can, between deleting rows and their files: the sweep's work).
      assert.deepEqual(before.missingFiles, [], `after a crash: ${crashes.at(-1)}`);
      if (!purging) assert.deepEqual(before.orphanFiles, [], `after a crash: ${crashes.at(-1)}`);
      await restartAndPurge();
      assert.deepEqual(await drift(context.services.knex, storage), { orphanFiles: [], missingFiles: [] });
      assert.equal(Number((await context.services.knex('pending_uploads').count({ n: '*' }))[0]!.n), 0);
    }
    assert.ok(completed, 'a run without a crash gets through');
    // Two files: a row and two puts each, then the purge's row delete and four file deletes.
    assert.ok(crashes.length >= 10, `crashed at ${crashes.length} different steps`);
    for (const key of kept.photoKeys)
      assert.ok(await isStored(storage, key), 'the confirmed report keeps its photo');
  });

  it('removes the row and the files written so far when a write fails, without waiting for the purge', async () => {
    // The thumbnail (second put) fails: the photo written just before must go with the row.
    const failing = new FailingStorage(storage, (n) => (n === 2 ? enospc() : undefined));
    const photos = new PhotoService(new PhotoRepository(context.services.knex), failing);
    const before = Number((await context.services.knex('pending_uploads').count({ n: '*' }))[0]!.n);
    const result = await photos.accept([{ originalname: 'c.jpg', buffer: jpeg }], now, {
      storageErrors: 'report',
    });
    assert.deepEqual(result.problems, [{ file: 'c.jpg', code: 'no_space' }]);
    assert.equal(Number((await context.services.knex('pending_uploads').count({ n: '*' }))[0]!.n), before);
    assert.deepEqual(await drift(context.services.knex, storage), { orphanFiles: [], missingFiles: [] });
    // Without `report` (an email's photos) the failure is thrown, so the email is tried again.
    const again = new PhotoService(
      new PhotoRepository(context.services.knex),
      new FailingStorage(storage, () => enospc()),
    );
    await assert.rejects(again.accept([{ originalname: 'd.jpg', buffer: jpeg }], now), /ENOSPC|no_space/);
  });

  it('sweeps half-written files and stale upload files, and leaves fresh ones to their requests', async () => {
    const photos = new PhotoService(new PhotoRepository(context.services.knex), storage, {
      uploadTempDir: context.config.uploadTempDir,
    });
    const { pending } = await photos.accept([{ originalname: 'e.jpg', buffer: jpeg }], now);
    const dir = path.join(context.config.uploadDir, pending[0]!.storageKey.slice(0, 2));
    fs.mkdirSync(context.config.uploadTempDir, { recursive: true });
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const stale = [
      path.join(dir, `${pending[0]!.storageKey}.0123456789ab.tmp`),
      path.join(context.config.uploadTempDir, 'aaaaaaaaaaaaaaaaaaaaaaaa.upload'),
    ];
    const fresh = path.join(context.config.uploadTempDir, 'bbbbbbbbbbbbbbbbbbbbbbbb.upload');
    for (const file of [...stale, fresh]) fs.writeFileSync(file, 'half a photo');
    for (const file of stale) fs.utimesSync(file, hourAgo, hourAgo);
    // A stored file no row owns (a crash while a report was deleted), written an hour ago.
    await storage.put('OrphanOrphanOrphan0001', jpeg, 'image/jpeg');
    const orphanFile = path.join(context.config.uploadDir, 'Or', 'OrphanOrphanOrphan0001');
    fs.utimesSync(orphanFile, hourAgo, hourAgo);

    const swept = await photos.sweep(new Date(Date.now() - 30 * 60 * 1000));
    assert.deepEqual(swept, { orphans: 1, temporary: 2 });
    for (const file of stale) assert.equal(fs.existsSync(file), false, file);
    assert.equal(fs.existsSync(fresh), true, 'a request still writing keeps its file');
    assert.equal(fs.existsSync(orphanFile), false);
    assert.equal(fs.existsSync(`${orphanFile}.type`), false);
    assert.ok(await isStored(storage, pending[0]!.storageKey), 'a pending upload keeps its files');
  });
});
