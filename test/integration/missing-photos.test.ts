import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { prepareDatabase } from '../../src/db/prepare.js';
import { PhotoRepository } from '../../src/photos/repository.js';
import { MissingPhotoNotice, warnOfMissingPhotos } from '../../src/photos/storage-check.js';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';

/**
 * A second app machine with its photos on its own disk (or a database restored without its photos)
 * has report photos in the database that its storage lacks: start-up and serving say so.
 */
describe('report photos the database has and this process’s storage lacks', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const warnings = () => lines.filter((line) => /not in this process’s photo storage/.test(String(line.msg)));
  let now = new Date('2026-12-04T10:00:00Z');
  let context: TestContext;
  let keys: string[];

  beforeEach(async () => {
    lines.length = 0;
    context = await makeApp({ SEED_DEMO: 'no' }, { logger, clock: () => now });
    ({ photoKeys: keys } = await makeReport(context.services, { photos: 2 }));
  });

  /** The other machine's disk: this one never had the photo's files. */
  const lose = (key: string) => {
    for (const file of [key, `${key}.type`])
      fs.rmSync(path.join(context.config.uploadDir, key.slice(0, 2), file), { force: true });
  };
  const startUp = () =>
    prepareDatabase(
      { knex: context.services.knex, engine: 'pglite', close: async () => {} } as never,
      context.config,
      logger,
      createPhotoStorage(context.config),
    );

  it('start-up says how many of the newest are missing, never which', async () => {
    await startUp();
    assert.deepEqual(warnings(), [], 'all there: nothing said');
    lose(keys[0]!);
    await startUp();
    const [warning, ...more] = warnings();
    assert.equal(more.length, 0);
    assert.equal(warning!.level, 40);
    assert.equal(warning!.missing, 1);
    assert.equal(warning!.checked, 4, 'two photos and their thumbnails');
    assert.match(String(warning!.msg), /PHOTO_STORAGE=s3/);
    assert.doesNotMatch(JSON.stringify(warning), new RegExp(keys[0]!));
  });

  it('start-up goes on when the storage cannot be read (a bucket that is down), and says so', async () => {
    const down = {
      get: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9000')),
    } as unknown as ReturnType<typeof createPhotoStorage>;
    await prepareDatabase(
      { knex: context.services.knex, engine: 'pglite', close: async () => {} } as never,
      context.config,
      logger,
      down,
    );
    assert.deepEqual(warnings(), []);
    assert.ok(lines.some((line) => /photo storage could not be read at start-up/.test(String(line.msg))));
  });

  it('start-up waits for a storage that does not answer only so long, and says so', async () => {
    const silent = { get: () => new Promise<null>(() => undefined) };
    assert.equal(
      await warnOfMissingPhotos(new PhotoRepository(context.services.knex), silent, logger, 50),
      0,
    );
    assert.deepEqual(warnings(), []);
    assert.ok(lines.some((line) => /photo storage did not answer at start-up/.test(String(line.msg))));
  });

  it('a photo asked for answers 404 and the operator is told once, then every ten minutes', async () => {
    lose(keys[0]!);
    for (let i = 0; i < 3; i++) await request(context.app).get(`/photos/${keys[0]}`).expect(404);
    await request(context.app).get(`/photos/${keys[1]}`).expect(200);
    assert.equal(warnings().length, 1);
    assert.equal(warnings()[0]!.missing, 1);
    now = new Date(now.getTime() + 11 * 60_000);
    await request(context.app).get(`/photos/${keys[0]}`).expect(404);
    assert.equal(warnings().length, 2);
    assert.equal(warnings()[1]!.missing, 3, 'the two since the first warning, and this one');
  });

  it('an unknown key is a plain 404 and tells the operator nothing', async () => {
    await request(context.app).get('/photos/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
    assert.deepEqual(warnings(), []);
  });
});

describe('MissingPhotoNotice', () => {
  it('counts every miss between warnings', () => {
    const said: unknown[] = [];
    let at = 0;
    const notice = new MissingPhotoNotice(
      { warn: (fields: unknown) => said.push(fields) } as never,
      () => new Date(at),
    );
    notice.noticed();
    at = 60_000;
    notice.noticed();
    notice.noticed();
    assert.deepEqual(said, [{ missing: 1 }]);
    at = 10 * 60_000;
    notice.noticed();
    assert.deepEqual(said, [{ missing: 1 }, { missing: 3 }]);
  });
});
