import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import request from 'supertest';
import { createBackup } from '../../src/backup/backup.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { ROOT_DIR } from '../../src/paths.js';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { makeApp } from '../support/app.js';
import { testDatabase } from '../support/database.js';
import { appOn } from '../support/faults.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { silentLogger } from './mail/support.js';
import {
  parseExposition,
  withMailServer,
  scrapeWithoutDatabase,
  type Exposition,
} from './metrics-helpers.js';
import { restoreInto, restorePlace, sourceUrl } from './backup-helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GIB = 1024 * 1024 * 1024;

/** TiltsDiskLow as this machine's disk makes it: the rule reads the real free space. */
const diskLowHere = (dataDir: string): string[] => {
  const disk = fs.statfsSync(dataDir);
  return disk.bavail * disk.bsize < GIB ? ['TiltsDiskLow'] : [];
};
const RULES = fs.readFileSync(path.join(ROOT_DIR, 'deploy/prometheus/tilts-alerts.yml'), 'utf8');

interface Rule {
  alert: string;
  expr: string;
}

/** The rules of the file: each `- alert:` with its `expr:`. */
function rules(): Rule[] {
  return [...RULES.matchAll(/^\s+- alert: (\w+)\n\s+expr: (.+)$/gm)].map((match) => ({
    alert: match[1]!,
    expr: match[2]!.trim(),
  }));
}

/**
 * Whether a rule fires on a scrape, for the shapes the tilts_* rules use: a metric (or the time
 * since a timestamp metric, `time() - metric`), optional `label="value"` matchers, a comparison
 * and a product of numbers (`15 * 60`). Any other shape fails the test rather than being skipped.
 */
function fires(expr: string, exposition: Exposition): boolean {
  const parsed = /^(time\(\) - )?(\w+)(?:\{([^}]*)\})? (>|==|<) ([\d *]+)$/.exec(expr);
  assert.ok(parsed, `an expression this test cannot read: ${expr}`);
  const [, since, name, matchers = '', op, product] = parsed;
  const wanted = [...matchers.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]);
  const threshold = product!.split('*').reduce((total, factor) => total * Number(factor.trim()), 1);
  assert.ok(exposition.types.has(name!) || exposition.value('tilts_database_up') === 0, `${name} is exposed`);
  return exposition
    .all(name!)
    .filter((sample) => wanted.every(([label, value]) => sample.labels[label!] === value))
    .map((sample) => ({ ...sample, value: since ? Date.now() / 1000 - sample.value : sample.value }))
    .some((sample) =>
      op === '>'
        ? sample.value > threshold
        : op === '<'
          ? sample.value < threshold
          : sample.value === threshold,
    );
}

const firing = (exposition: Exposition) =>
  rules()
    .filter((rule) => /^(?:time\(\) - )?tilts_/.test(rule.expr) && fires(rule.expr, exposition))
    .map((rule) => rule.alert)
    .sort();

describe('deploy/prometheus/tilts-alerts.yml on real scrapes', function () {
  this.timeout(60_000); // the first test app of a process creates and migrates its database
  it('names the alerts the guide promises, each on a metric Tilts exposes', () => {
    assert.deepEqual(
      rules().map((rule) => rule.alert),
      [
        'TiltsDeadLetters',
        'TiltsOutboxStuck',
        'TiltsInboundFailed',
        'TiltsSchedulerLate',
        'TiltsDatabaseDown',
        'TiltsBackupOld',
        'TiltsDiskLow',
        'TiltsDown',
      ],
    );
    assert.match(RULES, /expr: probe_success\{job="tilts-healthz"\} == 0/);
  });

  it('is quiet on a healthy instance, and fires on dead mail, stuck mail, failed replies and a late task', async () => {
    let now = new Date();
    const context = await makeApp({}, { clock: () => now });
    const scrape = async () => parseExposition((await request(context.app).get('/metrics').expect(200)).text);
    // A healthy instance was backed up last night, and its disk has room (the test machine's may not).
    const diskLow = diskLowHere(context.services.config.dataDir);
    assert.deepEqual(firing(await scrape()), ['TiltsBackupOld', ...diskLow], 'never backed up');
    await context.services.knex('backups').insert({ finished_at: new Date(Date.now() - 3 * HOUR), bytes: 1 });
    assert.deepEqual(firing(await scrape()), diskLow);

    const report = await routedReport(context);
    // The mail server refuses one email for good; the others wait.
    await withMailServer(
      context,
      () => now,
      async (worker, smtp) => {
        smtp.answerWith('permanent');
        assert.equal(await worker.runOnce(), 1);
      },
      { batchSize: 1 },
    );
    // A reply whose DKIM key DNS does not give: failed, tried again later.
    context.dns.failing.add('_dmarc.example.org');
    const raw = await context.sign(
      [
        `From: ${CLERK}`,
        `To: ${context.services.links.replyAddress(report.ref, CLERK)}`,
        'Subject: Re',
        `Message-ID: <alerts-${Date.now()}@example.org>`,
        '',
        '#procesā Darbi sāksies pirmdien.',
        '',
      ].join('\r\n'),
    );
    context.dns.failing.add('tilts-test._domainkey.example.org');
    const posted = await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(raw);
    assert.equal(posted.body.outcome, 'failed');
    await new Scheduler({ knex: context.services.knex, logger: silentLogger, clock: () => now })
      .register('alerts-test-task', 5 * MINUTE, () => Promise.resolve())
      .runDue();
    assert.deepEqual(firing(await scrape()), ['TiltsDeadLetters', 'TiltsInboundFailed', ...diskLow]);

    now = new Date(now.getTime() + 21 * MINUTE); // nothing sent, nothing run since
    assert.deepEqual(firing(await scrape()), [
      'TiltsDeadLetters',
      'TiltsInboundFailed',
      'TiltsOutboxStuck',
      'TiltsSchedulerLate',
      ...diskLow,
    ]);
  });

  it('fires TiltsDiskLow when less than 1 GiB is left on the disk of DATA_DIR', async () => {
    const context = await makeApp();
    await context.services.knex('backups').insert({ finished_at: new Date(), bytes: 1 });
    const text = (await request(context.app).get('/metrics').expect(200)).text;
    // The real disk has room here: the figure as a full disk would give it, in the scrape's own text.
    const withFree = (bytes: number) =>
      parseExposition(text.replace(/^tilts_data_dir_free_bytes \S+$/m, `tilts_data_dir_free_bytes ${bytes}`));
    assert.deepEqual(firing(withFree(512 * 1024 * 1024)), ['TiltsDiskLow']);
    assert.deepEqual(firing(withFree(2 * GIB)), []);
  });

  it('fires TiltsBackupOld when the newest backup finished more than 26 hours ago', async () => {
    const context = await makeApp();
    const scrape = async () => parseExposition((await request(context.app).get('/metrics').expect(200)).text);
    const backupOld = async () => firing(await scrape()).includes('TiltsBackupOld');
    await context.services
      .knex('backups')
      .insert({ finished_at: new Date(Date.now() - 27 * HOUR), bytes: 1 });
    assert.equal(await backupOld(), true);
    await context.services
      .knex('backups')
      .insert({ finished_at: new Date(Date.now() - 25 * HOUR), bytes: 1 });
    assert.equal(await backupOld(), false);
  });

  it('after a restore, counts the archive restored from as the newest backup: its real age decides', async function () {
    this.timeout(300_000); // two backups and two restores, as backup.test.ts allows them
    const context = await makeApp();
    const source = await testDatabase();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-alerts-restore-'));
    const places = [await restorePlace(), await restorePlace()];
    try {
      const backUp = (hoursAgo: number, name: string) =>
        createBackup(
          {
            database: source,
            databaseUrl: sourceUrl(),
            storage: createPhotoStorage(context.config),
            dataDir: context.config.dataDir,
            clock: () => new Date(Date.now() - hoursAgo * HOUR),
          },
          path.join(work, name),
        );
      const restoredScrape = async (archive: string, place: (typeof places)[number]) => {
        await restoreInto(archive, place, source.engine);
        const { app } = await appOn(place.open(), { DATA_DIR: place.dataDir });
        return parseExposition((await request(app).get('/metrics').expect(200)).text);
      };
      // Two nightly archives, in the order they were made (each notes itself after its dump, so
      // the later one holds the earlier's row, not its own).
      const old = await backUp(28, 'old.tar.gz');
      const lastNight = await backUp(6, 'last-night.tar.gz');
      // Restored from last night's archive: a backup 6 hours old exists, so no alarm (not the one
      // 28 hours old, the newest row inside the archive).
      const fresh = await restoredScrape(lastNight.file, places[0]!);
      assert.equal(
        fresh.value('tilts_backup_last_success_timestamp_seconds'),
        Date.parse(lastNight.manifest.createdAt) / 1000,
      );
      assert.equal(firing(fresh).includes('TiltsBackupOld'), false);
      // Restored from an archive 28 hours old: the newest backup really is that old.
      assert.equal(firing(await restoredScrape(old.file, places[1]!)).includes('TiltsBackupOld'), true);
    } finally {
      for (const place of places) await place.drop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('fires TiltsDatabaseDown when a scrape cannot reach the database', async () => {
    assert.deepEqual(firing(await scrapeWithoutDatabase()), ['TiltsDatabaseDown']);
  });
});
