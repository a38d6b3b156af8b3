import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackupResult } from '../../src/backup/backup.js';
import { countProblems } from '../../src/backup/restore-rules.js';
import { tableCounts } from '../../src/backup/snapshot.js';
import type { Database } from '../../src/db/knex.js';
import { LocalDiskStorage, thumbnailKey } from '../../src/uploads/storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { testDatabase } from '../support/database.js';
import { pollUntil } from '../support/faults.js';
import { makeReport } from '../support/reports.js';
import { backUpApp, restoreInto, restorePlace, storedObjects, type RestorePlace } from './backup-helpers.js';

interface Counted {
  id: number;
  status: string;
  updates: number;
  emails: number;
  routed: number;
}

describe('a backup taken while residents submit reports is one consistent moment', function () {
  this.timeout(300_000);
  let context: TestContext;
  let source: Database;
  let backup: BackupResult;
  let place: RestorePlace;
  let restored: Database;
  let work: string;
  let startedWith = 0;
  let finishedWith = 0;

  before(async () => {
    context = await makeApp();
    source = await testDatabase();
    let submitted = 0;
    let stop = false;
    // Residents keep submitting (each report with a photo, its timeline entry and its emails)
    // from before the backup starts until after it ends.
    const residents = (async () => {
      while (!stop) {
        await makeReport(context.services, { photos: 1, confirmed: submitted % 3 !== 2 });
        submitted += 1;
      }
    })();
    try {
      await pollUntil('reports before the backup', () => (submitted >= 2 ? true : undefined), 60_000);
      startedWith = submitted;
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-backup-busy-'));
      backup = await backUpApp(context, source, path.join(work, 'busy.tar.gz'));
      const after = submitted + 2;
      await pollUntil('reports after the backup', () => (submitted >= after ? true : undefined), 60_000);
    } finally {
      stop = true;
      await residents;
    }
    finishedWith = submitted;
    place = await restorePlace();
    await restoreInto(backup.file, place, source.engine);
    restored = place.open();
  });

  after(async () => {
    await place?.drop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(context.config.dataDir, { recursive: true, force: true });
  });

  it('was taken while reports were coming in: some before it, some after', () => {
    const archived = backup.manifest.tables.reports!;
    assert.ok(archived >= startedWith, `${archived} archived, ${startedWith} made before`);
    assert.ok(archived < finishedWith, `${archived} archived, ${finishedWith} made in all`);
  });

  it('restores exactly the counts the manifest took in the same snapshot', async () => {
    const counts = await tableCounts(restored.knex, backup.manifest.schema);
    // The restore then notes the archive itself as the newest backup: one row more than it held.
    const { tables } = backup.manifest;
    assert.deepEqual(
      countProblems({ ...tables, backups: tables.backups! + 1 }, counts),
      [],
      'every table as the manifest counted it',
    );
  });

  it('holds every report whole: its timeline entry, its emails, its routing and its photos', async () => {
    const rows = (await restored
      .knex('reports as r')
      .select(
        'r.id',
        'r.status',
        restored.knex.raw('(select count(*)::int from report_updates u where u.report_id = r.id) as updates'),
        restored.knex.raw('(select count(*)::int from outbox o where o.report_id = r.id) as emails'),
        restored.knex.raw(
          '(select count(*)::int from report_recipients x where x.report_id = r.id) as routed',
        ),
      )
      .orderBy('r.id')) as Counted[];
    assert.equal(rows.length, backup.manifest.tables.reports);
    for (const row of rows) {
      assert.ok(row.updates >= 1, `report ${row.id} has no timeline entry`);
      assert.ok(row.emails >= 1, `report ${row.id} has no email`);
      if (row.status !== 'unconfirmed')
        assert.ok(row.routed >= 1, `confirmed report ${row.id} was not routed`);
    }
    const stored = await storedObjects(new LocalDiskStorage(path.join(place.dataDir, 'uploads')));
    const keys = (await restored.knex('report_photos').pluck('storage_key')) as string[];
    assert.equal(keys.length, rows.length);
    for (const key of keys)
      assert.ok(stored.has(key) && stored.has(thumbnailKey(key)), `photo ${key} missing`);
    assert.equal(backup.missingPhotos, 0);
  });
});
