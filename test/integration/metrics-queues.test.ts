import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { ROOT_DIR } from '../../src/paths.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { plansOf, statementsDuring } from '../support/database.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { parseExposition, withMailServer } from './metrics-helpers.js';
import { silentLogger } from './mail/support.js';

const MINUTE = 60_000;
/** docs/operations.md, "When the outbox grows": mail waiting for a retry goes at once. */
const SEND_NOW = "UPDATE outbox SET next_attempt_at = now() WHERE status = 'pending';";

describe('/metrics: the queues, the scheduler and the database pool', function () {
  this.timeout(60_000); // the first test app of a process creates and migrates its database
  let context: TestContext;
  let now: Date;
  const later = (ms: number) => (now = new Date(now.getTime() + ms));
  const scrape = async () => parseExposition((await request(context.app).get('/metrics').expect(200)).text);
  const pendingRows = async () =>
    Number(
      (
        (await context.services.knex('outbox').where({ status: 'pending' }).count({ n: '*' }))[0] as {
          n: number;
        }
      ).n,
    );

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
  });

  it('shows mail waiting, how long the oldest has waited, and dead letters', async () => {
    let metrics = await scrape();
    assert.equal(metrics.value('tilts_outbox_pending'), 0);
    assert.equal(metrics.value('tilts_outbox_oldest_pending_age_seconds'), 0);
    assert.equal(metrics.value('tilts_outbox_dead'), 0);

    now = new Date();
    await routedReport(context); // its confirmation and the parish's emails, queued by the app
    const queued = await pendingRows();
    assert.ok(queued >= 2, `${queued} emails queued`);
    later(20 * MINUTE);
    metrics = await scrape();
    assert.equal(metrics.value('tilts_outbox_pending'), queued);
    const age = metrics.value('tilts_outbox_oldest_pending_age_seconds')!;
    assert.ok(age > 20 * 60 - 30 && age <= 20 * 60, `oldest waited ${age} s`);

    // The mail server refuses every one for good (550): each becomes a dead letter.
    await withMailServer(
      context,
      () => now,
      async (worker, smtp) => {
        smtp.answerWith('permanent');
        while ((await worker.runOnce()) > 0);
      },
    );
    metrics = await scrape();
    assert.equal(metrics.value('tilts_outbox_pending'), 0);
    assert.equal(metrics.value('tilts_outbox_oldest_pending_age_seconds'), 0);
    assert.equal(metrics.value('tilts_outbox_dead'), queued);
  });

  it('runs the runbook’s statement: mail waiting for its next retry goes as soon as the relay is back', async () => {
    assert.ok(fs.readFileSync(path.join(ROOT_DIR, 'docs/operations.md'), 'utf8').includes(SEND_NOW));
    now = new Date();
    await routedReport(context);
    const queued = await pendingRows();
    await withMailServer(
      context,
      () => now,
      async (worker, smtp) => {
        smtp.answerWith('temporary'); // the relay says "451, later" to every one
        while ((await worker.runOnce()) > 0);
        smtp.answerWith('accept');
        assert.equal(await worker.runOnce(), 0, 'nothing is due: each waits for its retry');
        assert.equal((await scrape()).value('tilts_outbox_pending'), queued);

        await context.services.knex.raw(SEND_NOW);
        now = new Date(Date.now() + 1000);
        while ((await worker.runOnce()) > 0);
        assert.equal(smtp.messages.length, queued);
        assert.equal((await scrape()).value('tilts_outbox_pending'), 0);
      },
    );
  });

  it('counts inbound mail held for staff, failing and forged, and the age of the inbound queue', async () => {
    const report = await routedReport(context);
    const inbound = async () => {
      const metrics = await scrape();
      return Object.fromEntries(
        metrics.all('tilts_inbound_messages').map((sample) => [sample.labels.outcome, sample.value]),
      );
    };
    assert.deepEqual(await inbound(), { received: 0, held: 0, failed: 0, forged: 0, malformed: 0 });

    const post = async (raw: string | Buffer, outcome: string) => {
      const res = await request(context.app)
        .post('/inbound/email')
        .set('Authorization', `Bearer ${context.config.inboundSecret}`)
        .set('Content-Type', 'message/rfc822')
        .send(Buffer.from(raw));
      assert.equal(res.body.outcome, outcome);
    };
    const to = context.services.links.replyAddress(report.ref, CLERK);
    await post(reply(report, CLERK, to), 'held'); // not signed: the sender is not proven
    await post(reply(report, CLERK, to.replace(/-([a-z2-7]{16})@/, '-aaaaaaaaaaaaaaaa@')), 'forged');
    context.dns.failing.add('_dmarc.example.org');
    const signed = await context.sign(reply(report, CLERK, to));
    context.dns.failing.add('tilts-test._domainkey.example.org');
    now = new Date();
    await post(signed, 'failed'); // DNS did not answer: tried again later

    assert.deepEqual(await inbound(), { received: 0, held: 1, failed: 1, forged: 1, malformed: 0 });
    later(10 * MINUTE);
    const age = (await scrape()).value('tilts_inbound_oldest_waiting_age_seconds')!;
    assert.ok(age > 10 * 60 - 30 && age <= 10 * 60, `the failed one waited ${age} s`);
  });

  it('shows how late each scheduled task is, when it last ran and whether that run failed', async () => {
    const scheduler = new Scheduler({ knex: context.services.knex, logger: silentLogger, clock: () => now })
      .register('metrics-test-works', 5 * MINUTE, () => Promise.resolve())
      .register('metrics-test-fails', 5 * MINUTE, () => Promise.reject(new Error('out of disk')));
    await scheduler.runDue();
    const ranAt = now.getTime() / 1000;
    let metrics = await scrape();
    for (const task of ['metrics-test-works', 'metrics-test-fails']) {
      assert.equal(metrics.value('tilts_scheduler_lag_seconds', { task }), 0, task);
      assert.equal(metrics.value('tilts_scheduler_last_run_timestamp_seconds', { task }), ranAt, task);
    }
    assert.equal(metrics.value('tilts_scheduler_last_run_failed', { task: 'metrics-test-works' }), 0);
    assert.equal(metrics.value('tilts_scheduler_last_run_failed', { task: 'metrics-test-fails' }), 1);

    later(12 * MINUTE); // due 5 minutes after the run; nobody ran them since
    metrics = await scrape();
    assert.equal(metrics.value('tilts_scheduler_lag_seconds', { task: 'metrics-test-works' }), 7 * 60);
    assert.equal(metrics.value('tilts_scheduler_lag_seconds', { task: 'metrics-test-fails' }), 7 * 60);
    await scheduler.runDue();
    metrics = await scrape();
    assert.equal(metrics.value('tilts_scheduler_lag_seconds', { task: 'metrics-test-works' }), 0);
  });

  it('shows the database pool: one connection on the embedded engine, the pool’s size on PostgreSQL', async () => {
    const metrics = await scrape();
    assert.equal(metrics.value('tilts_db_pool_max'), process.env.TEST_DATABASE_URL ? 5 : 1);
    const used = metrics.value('tilts_db_pool_connections', { state: 'used' })!;
    const free = metrics.value('tilts_db_pool_connections', { state: 'free' })!;
    assert.ok(used >= 0 && free >= 0 && used + free <= metrics.value('tilts_db_pool_max')!);
    assert.equal(metrics.value('tilts_db_pool_pending_acquires'), 0);
    assert.equal(metrics.types.get('tilts_db_pool_pending_creates'), 'gauge');
  });

  it('says when the newest backup finished (0 before any) and how much room DATA_DIR’s disk has', async () => {
    let metrics = await scrape();
    assert.equal(metrics.types.get('tilts_backup_last_success_timestamp_seconds'), 'gauge');
    assert.equal(metrics.value('tilts_backup_last_success_timestamp_seconds'), 0, 'no backup yet');
    // As `npm run backup` notes each archive it wrote (test/integration/backup.test.ts).
    const older = new Date('2026-11-30T02:00:00Z');
    const newest = new Date('2026-12-01T02:00:00Z');
    await context.services.knex('backups').insert([
      { finished_at: newest, bytes: 2048 },
      { finished_at: older, bytes: 1024 },
    ]);
    metrics = await scrape();
    assert.equal(metrics.value('tilts_backup_last_success_timestamp_seconds'), newest.getTime() / 1000);

    const disk = fs.statfsSync(context.services.config.dataDir);
    const free = metrics.value('tilts_data_dir_free_bytes')!;
    const size = metrics.value('tilts_data_dir_size_bytes')!;
    assert.equal(size, disk.blocks * disk.bsize);
    assert.ok(free > 0 && free <= size, `${free} of ${size}`);
    // Another process writes meanwhile: the figure is within a few megabytes of this moment's.
    assert.ok(Math.abs(free - disk.bavail * disk.bsize) < 64 * 1024 * 1024);
  });

  it('reads only indexes and the small task table on a scrape, never reports', async () => {
    const statements = await statementsDuring(context.services.knex, scrape);
    assert.ok(statements.length >= 3);
    for (const { sql } of statements) {
      assert.doesNotMatch(sql, /\breports\b/, sql);
      const tables = [...sql.matchAll(/\bfrom\s+(\w+)/gi)].map((match) => match[1]);
      for (const table of tables)
        assert.ok(['outbox', 'inbound_messages', 'scheduled_tasks', 'backups'].includes(table!), sql);
    }
    // With sequential scans made as dear as possible, every table that grows is read by an index
    // made for it (not by walking a whole other index): the plan a large table would get.
    const expected: Record<string, string[]> = {
      outbox: ['outbox_due', 'outbox_dead'],
      inbound_messages: ['inbound_messages_outcome_received_at_index', 'inbound_messages_retry'],
      backups: ['backups_finished_at_index'],
    };
    for (const plan of await plansOf(context.services.knex, statements)) {
      assert.doesNotMatch(plan, /Seq Scan on (outbox|inbound_messages|backups)\b/, plan);
      for (const [, index, table] of plan.matchAll(
        /Index (?:Only )?Scan (?:Backward )?using (\w+) on (\w+)/g,
      ))
        if (table! in expected) assert.ok(expected[table!]!.includes(index!), `${index} in\n${plan}`);
      for (const [, index] of plan.matchAll(/Bitmap Index Scan on (\w+)/g))
        assert.ok(Object.values(expected).flat().includes(index!), `${index} in\n${plan}`);
    }
  });
});

let sequence = 0;

/** A reply to a report's email as a clerk's mail client writes it. */
function reply(report: Report, from: string, to: string): string {
  sequence += 1;
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: Re: [Tilts] ${report.title}`,
    `Message-ID: <metrics-${sequence}-${Date.now()}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '#procesā Darbi sāksies pirmdien.',
    '',
  ].join('\r\n');
}
