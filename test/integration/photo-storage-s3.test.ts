import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import request from 'supertest';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../../src/config.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { s3Client, S3PhotoStorage, type S3Settings } from '../../src/uploads/s3-storage.js';
import { newPhotoKey, thumbnailKey } from '../../src/uploads/storage.js';
import { isDatabaseUnavailable } from '../../src/web/errors.js';
import { makeApp, testConfig, type TestContext } from '../support/app.js';
import { resetDatabase } from '../support/database.js';
import { makeReport, testJpeg } from '../support/reports.js';
import { freePort } from '../support/server.js';
import { pendingIds, postForm } from './report-form-helpers.js';
import { drift, isStored } from './uploads-helpers.js';

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

const BUCKET = 'tilts-photos';

async function bytesOf(body: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('photos in an S3-compatible bucket (s3rver)', () => {
  let server: S3rverInstance;
  let directory: string;
  let env: Record<string, string>;
  let settings: S3Settings;
  let storage: S3PhotoStorage;

  before(async () => {
    const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
    const port = await freePort();
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port,
      directory,
      silent: true,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    await server.run();
    env = {
      PHOTO_STORAGE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: BUCKET,
      S3_REGION: 'eu-north-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    };
    const config = testConfig(env);
    assert.equal(config.photoStorage.kind, 's3');
    settings = config.photoStorage as S3Settings;
    storage = S3PhotoStorage.fromConfig(settings);
  });

  after(async () => {
    await server?.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('puts, streams back with its content type, and deletes; a missing key is null', async () => {
    const key = newPhotoKey();
    const jpeg = await testJpeg();
    await storage.put(key, jpeg, 'image/jpeg');
    const stored = await storage.get(key);
    assert.ok(stored);
    assert.equal(stored.contentType, 'image/jpeg');
    // The body is the HTTP response itself, read as it arrives, never a buffer of the whole object.
    assert.ok(stored.body instanceof Readable);
    assert.deepEqual(await bytesOf(stored.body), jpeg);
    await storage.delete(key);
    assert.equal(await storage.get(key), null);
    assert.equal(await storage.get(newPhotoKey()), null);
    await storage.delete(key);
    await assert.rejects(storage.get('../../etc/passwd'), TypeError);
  });

  it('replaces an object put again under the same key', async () => {
    const key = newPhotoKey();
    await storage.put(key, Buffer.from('first'), 'image/png');
    await storage.put(key, Buffer.from('second'), 'image/webp');
    const stored = (await storage.get(key))!;
    assert.equal(stored.contentType, 'image/webp');
    assert.equal(await text(stored.body as Readable), 'second');
    await storage.delete(key);
  });

  it('gives up on a bucket that takes the connection and never answers, instead of waiting for ever', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const hung = new S3PhotoStorage(
        s3Client({ ...settings, endpoint: `http://127.0.0.1:${port}` }, { connectMs: 1_000, answerMs: 300 }),
        BUCKET,
        settings.prefix,
      );
      const started = Date.now();
      const failure: unknown = await hung.get(newPhotoKey()).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.match(String(failure), /requestTimeout|ETIMEDOUT|timed? ?out/i);
      // The error page's rule reads it as a service away: a 503 for the photo, not a 500.
      assert.ok(isDatabaseUnavailable(failure));
      assert.ok(Date.now() - started < 10_000, 'within its timeout and the SDK’s retries');
    } finally {
      silent.close();
    }
  });

  it('serves a report’s photos from the bucket through the app, and the sweep stays in its prefix', async () => {
    const context: TestContext = await makeApp(env);
    const { app, services } = context;
    // Through the form: the photo streams to disk, is re-encoded and lands in the bucket.
    const jpeg = await testJpeg(200, 150);
    const res = await postForm(app, { title: 'Ar bildi' }, { files: [{ buffer: jpeg, filename: 'a.jpg' }] });
    assert.equal(res.status, 422);
    const [pendingId] = pendingIds(res.text);
    const thumb = await request(app).get(`/uploads/pending/${pendingId}/thumb`).expect(200);
    assert.equal(thumb.headers['content-type'], 'image/jpeg');
    assert.ok(thumb.body.length > 100);

    const made = await makeReport(services, { photos: 1 });
    const key = made.photoKeys[0]!;
    const served = await request(app).get(`/photos/${key}`).expect(200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    assert.deepEqual(served.body, await bytesOf((await storage.get(key))!.body));
    await request(app).get(`/photos/${key}/thumb`).expect(200);
    await request(app).get(`/photos/${newPhotoKey()}`).expect(404);

    // An object of someone else in the same bucket, outside the prefix, and an orphan inside it.
    await s3Client(settings).send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'backups/OtherOtherOther00001', Body: 'not ours' }),
    );
    const orphan = newPhotoKey();
    await storage.put(orphan, jpeg, 'image/jpeg');
    const swept = await services.photos.sweep(new Date(Date.now() + 60_000));
    assert.equal(swept.orphans, 1);
    assert.equal(await storage.get(orphan), null);
    assert.ok(await isStored(storage, key), 'a report’s photo stays');
    assert.ok(await isStored(storage, thumbnailKey(key)), 'and its thumbnail');
    assert.deepEqual(await drift(services.knex, storage), { orphanFiles: [], missingFiles: [] });
    const foreign = await s3Client(settings).send(
      new (await import('@aws-sdk/client-s3')).GetObjectCommand({
        Bucket: BUCKET,
        Key: 'backups/OtherOtherOther00001',
      }),
    );
    assert.equal(await foreign.Body?.transformToString(), 'not ours');
  });

  it('puts the demo’s photos in the bucket when the app loads the demo with its photos there', async () => {
    const context = await makeApp(env);
    const config = testConfig({ ...env, SEED_DEMO: 'yes', DATA_DIR: context.config.dataDir });
    await prepareDatabase(
      await resetDatabase(),
      config,
      pino({ level: 'silent' }),
      createPhotoStorage(config),
    );
    // The public ones, which the app shows anyone.
    const photos = (await context.services
      .knex('report_photos as p')
      .join('reports as r', 'r.id', 'p.report_id')
      .whereRaw(
        "not r.is_private and not r.hidden and r.withdrawn_at is null and r.held_at is null and r.status <> 'unconfirmed'",
      )
      .whereNull('p.hidden_at')
      .select('p.storage_key')
      .orderBy('p.id')) as { storage_key: string }[];
    assert.ok(photos.length > 20, `${photos.length} demo photos`);
    for (const { storage_key: key } of [photos[0]!, photos.at(-1)!]) {
      assert.ok(await storage.get(key), `${key} in the bucket`);
      assert.ok(await storage.get(thumbnailKey(key)), `${key}'s thumbnail in the bucket`);
      await request(context.app).get(`/photos/${key}/thumb`).expect(200);
    }
    // Nothing went to the local disk the bucket replaces.
    assert.equal(fs.existsSync(config.uploadDir) ? fs.readdirSync(config.uploadDir).length : 0, 0);
  });
});

describe('photo storage settings', () => {
  const base = {
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://tilts.test',
    SECRET: 'test-secret-of-at-least-16-characters',
    SMTP_URL: 'smtp://127.0.0.1:1',
  };

  it('uses the local disk unless told otherwise', () => {
    assert.deepEqual(loadConfig(base).photoStorage, { kind: 'local' });
  });

  it('refuses s3 without a bucket, a key without its secret, and odd values, naming the variable', () => {
    const refused = (env: Record<string, string>, variable: string) =>
      assert.throws(
        () => loadConfig({ ...base, ...env }),
        (error) => error instanceof ConfigError && error.variable === variable,
      );
    refused({ PHOTO_STORAGE: 's3' }, 'S3_BUCKET');
    refused({ PHOTO_STORAGE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'AKIA1' }, 'S3_SECRET_ACCESS_KEY');
    refused({ PHOTO_STORAGE: 'ftp' }, 'PHOTO_STORAGE');
    refused({ PHOTO_STORAGE: 's3', S3_BUCKET: 'Not A Bucket' }, 'S3_BUCKET');
    refused({ PHOTO_STORAGE: 's3', S3_BUCKET: 'b-1', S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT');
    refused({ PHOTO_STORAGE: 's3', S3_BUCKET: 'b-1', S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE');
    refused({ UPLOAD_FILES_PER_IP_HOUR: '0' }, 'UPLOAD_FILES_PER_IP_HOUR');
  });

  it('never puts the secret key in an error message', () => {
    try {
      loadConfig({ ...base, PHOTO_STORAGE: 's3', S3_SECRET_ACCESS_KEY: 'very-secret-value' });
      assert.fail('a secret without its key id is refused');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.doesNotMatch(error.message, /very-secret-value/);
    }
  });
});
