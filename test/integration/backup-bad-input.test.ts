import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { BackupResult } from '../../src/backup/backup.js';
import { BackupError } from '../../src/backup/errors.js';
import { parseManifest, serialiseManifest } from '../../src/backup/manifest.js';
import { restoreBackup, type RestoreTarget } from '../../src/backup/restore.js';
import { APP_CONNECTION_NAMES, createDatabase, type Database } from '../../src/db/knex.js';
import { migrations } from '../../migrations/index.js';
import { RawMailStore, rawMailDir } from '../../src/inbound/raw-store.js';
import { makeApp, type TestContext } from '../support/app.js';
import { testDatabase } from '../support/database.js';
import { appOn } from '../support/faults.js';
import { makeReport } from '../support/reports.js';
import {
  backUpApp,
  cutTar,
  everyRow,
  flipTarByte,
  placeHolds,
  placeStorage,
  placeTarget,
  repack,
  restorePlace,
  type RestorePlace,
} from './backup-helpers.js';
import { FailingStorage } from './uploads-helpers.js';

describe('restore refuses bad archives and occupied targets, and leaves nothing half-restored', function () {
  this.timeout(300_000);
  let context: TestContext;
  let source: Database;
  let backup: BackupResult;
  let work: string;
  let photoKey: string;
  const places: RestorePlace[] = [];

  const target = (place: RestorePlace, extra: Partial<RestoreTarget> = {}) =>
    placeTarget(place, source.engine, extra);
  const newPlace = async () => {
    const place = await restorePlace();
    places.push(place);
    return place;
  };
  const file = (name: string) => path.join(work, name);

  /** Restoring `archive` into a new place fails with `message`, and the place holds nothing. */
  async function refusedAndUntouched(archive: string, message: RegExp, extra: Partial<RestoreTarget> = {}) {
    const place = await newPlace();
    await assert.rejects(restoreBackup(archive, target(place, extra)), (error: unknown) => {
      assert.ok(error instanceof BackupError, String(error));
      assert.match(error.message, message);
      return true;
    });
    assert.deepEqual(await placeHolds(place, placeStorage(place)), []);
  }

  before(async () => {
    context = await makeApp();
    source = await testDatabase();
    const made = await makeReport(context.services, { photos: 2, title: 'Bedre pie veikala' });
    await makeReport(context.services, { photos: 1 });
    photoKey = made.photoKeys[0]!;
    await new RawMailStore(rawMailDir(context.config.dataDir), 1_000_000).write(
      Readable.from([Buffer.from('From: a@example.org\r\n\r\nsveiki\r\n')]),
    );
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-backup-bad-'));
    backup = await backUpApp(context, source, file('good.tar.gz'));
  });

  after(async () => {
    for (const place of places) await place.drop();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(context.config.dataDir, { recursive: true, force: true });
  });

  it('refuses an archive cut short (a copy that stopped), writing nothing', async () => {
    const bytes = fs.readFileSync(backup.file);
    fs.writeFileSync(file('half.tar.gz'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refusedAndUntouched(file('half.tar.gz'), /damaged or incomplete/);
    // The same, gzipped again so that only the tar is short: mid-manifest, and just its end blocks.
    cutTar(backup.file, file('cut-manifest.tar.gz'), (length) => length - 1024 - 300);
    await refusedAndUntouched(file('cut-manifest.tar.gz'), /damaged or incomplete/);
    cutTar(backup.file, file('cut-end.tar.gz'), (length) => length - 1024);
    await refusedAndUntouched(file('cut-end.tar.gz'), /incomplete/);
  });

  it('refuses an archive with one changed byte, wherever it is, writing nothing', async () => {
    const bytes = fs.readFileSync(backup.file);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at]! ^ 0x01;
    fs.writeFileSync(file('flipped.tar.gz'), bytes);
    await refusedAndUntouched(file('flipped.tar.gz'), /damaged/);
    // Inside a photo, gzipped again: only the member's own checksum can tell.
    flipTarByte(
      backup.file,
      file('photo-changed.tar.gz'),
      (tar) => tar.indexOf(`photos/${photoKey}\0`) + 512 + 100,
    );
    await refusedAndUntouched(
      file('photo-changed.tar.gz'),
      new RegExp(`photos/${photoKey}: its content was changed`),
    );
    // Inside the manifest: a count changed by hand.
    await repack(backup.file, file('manifest-changed.tar.gz'), (members) => {
      const text = members.get('manifest.json')!.toString('utf8');
      members.set('manifest.json', Buffer.from(text.replace(/"reports": \d+/, '"reports": 99')));
    });
    await refusedAndUntouched(file('manifest-changed.tar.gz'), /manifest was changed/);
    await repack(backup.file, file('member-missing.tar.gz'), (members) =>
      members.delete(`photos/${photoKey}`),
    );
    await refusedAndUntouched(file('member-missing.tar.gz'), /missing from the archive/);
  });

  it('refuses what is not a Tilts backup, one of the other engine, or one from a newer Tilts', async () => {
    fs.writeFileSync(file('notes.txt'), 'not a backup\n');
    execFileSync('tar', ['-czf', file('other.tar.gz'), '-C', work, 'notes.txt']);
    await refusedAndUntouched(file('other.tar.gz'), /no manifest/);
    fs.writeFileSync(file('zeros.tar.gz'), gzipSync(Buffer.alloc(4096, 7)));
    await refusedAndUntouched(file('zeros.tar.gz'), /damaged or incomplete/);
    await repack(backup.file, file('other-engine.tar.gz'), (members) => {
      const manifest = parseManifest(members.get('manifest.json')!.toString('utf8'));
      const engine = manifest.engine === 'pglite' ? 'postgres' : 'pglite';
      const database = engine === 'pglite' ? 'database/pglite-datadir.tar' : 'database/postgres.dump';
      const dump = manifest.members.find((member) => member.kind === 'database')!;
      members.set(database, members.get(dump.path)!);
      members.delete(dump.path);
      dump.path = database;
      members.set('manifest.json', Buffer.from(serialiseManifest({ ...manifest, engine })));
    });
    await refusedAndUntouched(file('other-engine.tar.gz'), /this installation uses/);
    const older = migrations.slice(0, -1).map((migration) => migration.name);
    await refusedAndUntouched(backup.file, /does not know/, { knownMigrations: older });
  });

  it('undoes the photos it wrote when the database does not match the manifest', async () => {
    // A consistent archive (checksums recomputed) that promises a report its dump does not hold.
    await repack(backup.file, file('lying.tar.gz'), (members) => {
      const manifest = parseManifest(members.get('manifest.json')!.toString('utf8'));
      manifest.tables.reports = manifest.tables.reports! + 1;
      members.set('manifest.json', Buffer.from(serialiseManifest(manifest)));
    });
    await refusedAndUntouched(
      file('lying.tar.gz'),
      /table reports has 2 rows, the archive says 3.*removed again/s,
    );
  });

  it('undoes what it wrote when the photo storage fails midway', async () => {
    const place = await newPlace();
    const failing = new FailingStorage(placeStorage(place), (n) =>
      n === 3 ? new Error('bucket went away') : undefined,
    );
    await assert.rejects(
      restoreBackup(backup.file, target(place, { storage: failing })),
      /bucket went away.*removed again/s,
    );
    assert.equal(failing.puts, 3);
    assert.deepEqual(await placeHolds(place, placeStorage(place)), []);
  });

  it('refuses a target that holds data unless told to replace it (--force)', async () => {
    const place = await newPlace();
    await restoreBackup(backup.file, target(place));
    const restored = place.open();
    const archived = await everyRow(restored.knex);
    const { services } = await appOn(restored, { DATA_DIR: place.dataDir });
    await makeReport(services, { title: 'Pēc atjaunošanas pievienots', photos: 1 });
    if (source.engine === 'pglite') await restored.close();

    await assert.rejects(
      restoreBackup(backup.file, target(place)),
      /not empty.*--force.*Nothing was restored/s,
    );
    const reopened = source.engine === 'pglite' ? place.open() : restored;
    assert.equal(
      ((await reopened.knex('reports').pluck('title')) as string[]).includes('Pēc atjaunošanas pievienots'),
      true,
    );
    if (source.engine === 'pglite') await reopened.close();

    const result = await restoreBackup(backup.file, target(place, { force: true }));
    assert.equal(result.replaced, true);
    const replaced = source.engine === 'pglite' ? place.open() : restored;
    assert.deepEqual(await everyRow(replaced.knex), archived);
  });

  it('refuses to touch an embedded database another process has open, even with --force', async function () {
    if (source.engine !== 'pglite') this.skip();
    const place = await newPlace();
    const open = place.open();
    await open.knex.raw('select 1');
    await assert.rejects(
      restoreBackup(backup.file, target(place, { force: true })),
      new RegExp(`open in process ${process.pid}`),
    );
  });

  it('refuses to restore a PostgreSQL database the running app is connected to, even with --force', async function () {
    if (source.engine !== 'postgres') this.skip();
    const place = await newPlace();
    // The app's own connection name (src/server.ts), as a second app process would show it.
    const app = createDatabase({ databaseUrl: place.databaseUrl, applicationName: APP_CONNECTION_NAMES[0] });
    try {
      await app.knex.raw('select 1');
      await assert.rejects(
        restoreBackup(backup.file, target(place, { force: true })),
        /The app is connected to this database \(1 connection, from [^)]+\)\. Stop every app process/,
      );
      assert.equal(
        Number(
          (await app.knex.raw('select count(*) as n from pg_tables where schemaname = current_schema()'))
            .rows[0].n,
        ),
        0,
        'nothing restored',
      );
    } finally {
      await app.close();
    }
    // Once it is gone, the same restore goes ahead.
    await restoreBackup(backup.file, target(place));
  });
});
