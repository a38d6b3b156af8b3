import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { BackupResult } from '../../src/backup/backup.js';
import type { Database } from '../../src/db/knex.js';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { thumbnailKey } from '../../src/uploads/storage.js';
import { makeApp, testConfig, type TestContext } from '../support/app.js';
import { testDatabase } from '../support/database.js';
import { appOn } from '../support/faults.js';
import { makeReport, type MadeReport } from '../support/reports.js';
import { freePort } from '../support/server.js';
import { backUpApp, restoreInto, restorePlace, storedObjects, type RestorePlace } from './backup-helpers.js';

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

describe('a backup of photos in an S3 bucket comes back, byte for byte, into another bucket', function () {
  this.timeout(300_000);
  let server: S3rverInstance;
  let directory: string;
  let s3: (bucket: string) => Record<string, string>;
  let context: TestContext;
  let source: Database;
  let reports: MadeReport[];
  let backup: BackupResult;
  let place: RestorePlace;
  let work: string;

  before(async () => {
    const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
    const port = await freePort();
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-backup-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port,
      directory,
      silent: true,
      configureBuckets: [
        { name: 'tilts-live', configs: [] },
        { name: 'tilts-restored', configs: [] },
      ],
    });
    await server.run();
    s3 = (bucket) => ({
      PHOTO_STORAGE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: bucket,
      S3_REGION: 'eu-north-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    });
    context = await makeApp(s3('tilts-live'));
    source = await testDatabase();
    reports = [
      await makeReport(context.services, { photos: 2 }),
      await makeReport(context.services, { photos: 1 }),
    ];
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-backup-s3-out-'));
    backup = await backUpApp(context, source, path.join(work, 's3.tar.gz'));
    place = await restorePlace();
    await restoreInto(backup.file, place, source.engine, {
      storage: createPhotoStorage(testConfig(s3('tilts-restored'))),
    });
  });

  after(async () => {
    await place?.drop();
    await server?.close();
    for (const dir of [directory, work, context?.config.dataDir])
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every object of the bucket with its content type', async () => {
    const photos = backup.manifest.members.filter((member) => member.kind === 'photo');
    assert.equal(photos.length, 6);
    const liveBucket = createPhotoStorage(context.config);
    const restoredBucket = createPhotoStorage(testConfig(s3('tilts-restored')));
    for (const member of photos) {
      const [was, is] = [await liveBucket.get(member.key), await restoredBucket.get(member.key)];
      assert.equal(member.contentType, was!.contentType);
      assert.equal(is!.contentType, was!.contentType, member.key);
      for (const object of [was, is]) if (object && !Buffer.isBuffer(object.body)) object.body.destroy();
    }
    const live = await storedObjects(createPhotoStorage(context.config));
    const restored = await storedObjects(createPhotoStorage(testConfig(s3('tilts-restored'))));
    assert.deepEqual([...restored.keys()].sort(), [...live.keys()].sort());
    for (const [key, bytes] of live) assert.ok(Buffer.compare(restored.get(key)!, bytes) === 0, key);
  });

  it('the app on the restored database and bucket serves the same photos', async () => {
    const { app } = await appOn(place.open(), { DATA_DIR: place.dataDir, ...s3('tilts-restored') });
    const live = await storedObjects(createPhotoStorage(context.config));
    for (const key of reports.flatMap((made) => made.photoKeys)) {
      const photo = await request(app).get(`/photos/${key}`).buffer(true).expect(200);
      assert.ok(Buffer.compare(photo.body as Buffer, live.get(key)!) === 0, key);
      const thumb = await request(app).get(`/photos/${key}/thumb`).buffer(true).expect(200);
      assert.ok(Buffer.compare(thumb.body as Buffer, live.get(thumbnailKey(key))!) === 0, key);
    }
  });
});
