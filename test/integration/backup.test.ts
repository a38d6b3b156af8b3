import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import type { BackupResult } from '../../src/backup/backup.js';
import type { Database } from '../../src/db/knex.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { RawMailStore, rawMailDir } from '../../src/inbound/raw-store.js';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { thumbnailKey } from '../../src/uploads/storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { testDatabase } from '../support/database.js';
import { appOn } from '../support/faults.js';
import { confirmedFollower, makeReport, moveReport, type MadeReport } from '../support/reports.js';
import {
  archiveMentions,
  backUpApp,
  everyRow,
  restoreInto,
  restorePlace,
  storedObjects,
  type RestorePlace,
} from './backup-helpers.js';

// Settings of the installation being backed up: neither may ever be in an archive.
const SECRET = 'backup-test-secret-7f3a9c2e41b6';
const SMTP_PASSWORD = 'Smtp-Passw0rd-9d81b7c3';
const ENV = { SECRET, SMTP_URL: `smtp://tilts:${SMTP_PASSWORD}@127.0.0.1:1` };

describe('a backup restored into an empty database and DATA_DIR brings the same Tilts back', function () {
  this.timeout(300_000);
  let context: TestContext;
  let source: Database;
  let reports: MadeReport[];
  let rawKey: string;
  let rawBytes: Buffer;
  let backup: BackupResult;
  let place: RestorePlace;
  let restored: Database;
  let work: string;

  before(async () => {
    context = await makeApp(ENV);
    source = await testDatabase();
    const { services } = context;
    reports = [
      await makeReport(services, { photos: 2, title: 'Bedre pie skolas' }),
      await makeReport(services, { photos: 1, category: 'street-lighting', title: 'Nedeg laterna' }),
      await makeReport(services, { title: 'Vēl neapstiprināts', confirmed: false }),
    ];
    await moveReport(services, reports[0]!.report, 'in_progress', {
      text: 'Darbi sāksies pirmdien.',
      role: 'parish_admin',
    });
    // A neighbour follows the second report, confirmed by the emailed link.
    await confirmedFollower(services, reports[1]!.report, {
      email: 'kaimins@example.lv',
      name: 'Kaimiņš',
      language: 'lv',
    });
    // The outbox in every state: one sent, one dead, the rest waiting.
    const outbox = (await services.knex('outbox').orderBy('id').pluck('id')) as number[];
    assert.ok(outbox.length >= 3, 'the seeded reports queued emails');
    await services.knex('outbox').where({ id: outbox[0] }).update({ status: 'sent', sent_at: new Date() });
    await services
      .knex('outbox')
      .where({ id: outbox[1] })
      .update({ status: 'dead', last_error: '550 no such user' });
    // A raw inbound message kept in DATA_DIR/inbound (as the SMTP door leaves it).
    rawBytes = Buffer.from('From: kaunata@example.org\r\nSubject: Re: bedre\r\n\r\nLabi, darīsim.\r\n');
    rawKey = (
      await new RawMailStore(rawMailDir(context.config.dataDir), 1_000_000).write(Readable.from([rawBytes]))
    ).key;
    // Held replies whose raw messages are files: this one's in our DATA_DIR, the other's in another
    // process's (the README's two processes, each with its own DATA_DIR).
    const held = (key: string) => ({
      dedupe_key: `backup-test-${key}`,
      source: 'smtp',
      raw_key: key,
      raw_size: rawBytes.length,
      outcome: 'held',
      received_at: new Date(),
    });
    await services.knex('inbound_messages').insert([held(rawKey), held(`${rawKey.slice(0, -4)}beef`)]);

    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-backup-test-'));
    backup = await backUpApp(context, source, path.join(work, 'tilts.tar.gz'));
    place = await restorePlace();
    await restoreInto(backup.file, place, source.engine);
    restored = place.open();
  });

  after(async () => {
    await place?.drop();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(context.config.dataDir, { recursive: true, force: true });
  });

  it('writes one gzip tar that GNU tar reads, readable by its owner only, with a manifest of counts', () => {
    const listing = execFileSync('tar', ['-tzf', backup.file], { encoding: 'utf8' }).trim().split('\n');
    assert.equal(
      listing[0],
      source.engine === 'pglite' ? 'database/pglite-datadir.tar' : 'database/postgres.dump',
    );
    assert.equal(listing.at(-1), 'manifest.json');
    assert.ok(listing.includes(`inbound/${rawKey}.eml`));
    for (const key of reports.flatMap((made) => made.photoKeys))
      assert.ok(listing.includes(`photos/${key}`) && listing.includes(`photos/${thumbnailKey(key)}`), key);
    assert.equal(fs.statSync(backup.file).mode & 0o777, 0o600);
    const { manifest } = backup;
    assert.equal(manifest.engine, source.engine);
    assert.equal(manifest.tables.reports, 3);
    assert.equal(manifest.tables.subscriptions, 1);
    assert.equal(manifest.latestMigration, migrations.at(-1)!.name);
    assert.equal(backup.missingPhotos, 0);
    // The message another process received is not here to copy: the backup says so.
    assert.equal(backup.missingMail, 1);
  });

  it('never holds the secret or the SMTP password, compressed or not', () => {
    assert.equal(archiveMentions(backup.file, SECRET), false);
    assert.equal(archiveMentions(backup.file, SMTP_PASSWORD), false);
    // The check itself can see: the residents' data is there in the clear once ungzipped.
    assert.equal(archiveMentions(backup.file, 'Darbi sāksies pirmdien.'), true);
  });

  it('restores every row of every table: reports, timelines, subscriptions, the outbox and the rest', async () => {
    const [before, after] = [await everyRow(source.knex), await everyRow(restored.knex)];
    assert.deepEqual(Object.keys(after), Object.keys(before));
    // The backup noted itself once it was written (for /metrics): after the dump, so not in it.
    assert.deepEqual(
      (before.backups as { bytes: number | string }[]).map((row) => Number(row.bytes)),
      [backup.bytes],
    );
    // The restore notes the archive it came from instead: the newest backup of what is there now.
    assert.deepEqual(
      (after.backups as { finished_at: Date; bytes: number | string }[]).map((row) => [
        new Date(row.finished_at).toISOString(),
        Number(row.bytes),
      ]),
      [[backup.manifest.createdAt, backup.bytes]],
    );
    for (const table of Object.keys(before))
      if (table !== 'backups') assert.deepEqual(after[table], before[table], table);
    assert.equal(after.report_updates!.length > 3, true);
    assert.deepEqual(
      (after.outbox as { status: string }[]).map((row) => row.status).sort(),
      (before.outbox as { status: string }[]).map((row) => row.status).sort(),
    );
  });

  it('the app started on it shows the same reports and timelines and serves byte-identical photos', async () => {
    await migrateLatest(restored.knex);
    const { app, config } = await appOn(restored, { DATA_DIR: place.dataDir, SECRET });
    const originals = await storedObjects(createPhotoStorage(context.config));
    for (const made of reports.slice(0, 2)) {
      const page = await request(app).get(`/reports/${made.report.ref}`).expect(200);
      assert.match(page.text, new RegExp(made.report.title));
      const urls = [...page.text.matchAll(/(?:src|href)="(\/photos\/[A-Za-z0-9_-]+(?:\/thumb)?)"/g)].map(
        (match) => match[1]!,
      );
      assert.equal(new Set(urls).size, made.photoKeys.length * 2, made.report.ref);
      for (const url of new Set(urls)) {
        const key = url.replace('/photos/', '').replace('/thumb', '-thumb');
        const photo = await request(app).get(url).buffer(true).expect(200);
        assert.ok(Buffer.compare(photo.body as Buffer, originals.get(key)!) === 0, url);
      }
    }
    const timeline = await request(app).get(`/reports/${reports[0]!.report.ref}`).expect(200);
    assert.match(timeline.text, /Darbi sāksies pirmdien\./);
    assert.equal(config.dataDir, place.dataDir);
    const restoredRaw = await new RawMailStore(rawMailDir(place.dataDir), 1_000_000).read(rawKey);
    assert.deepEqual(restoredRaw, rawBytes);
  });

  it('keeps going where the original left off: a new report gets the next number', async () => {
    const { services } = await appOn(restored, { DATA_DIR: place.dataDir, SECRET });
    const next = await makeReport(services, { title: 'Pēc atjaunošanas' });
    const highest = Math.max(...reports.map((made) => made.report.id));
    assert.ok(next.report.id > highest);
    assert.notEqual(next.report.ref, reports[0]!.report.ref);
  });
});
