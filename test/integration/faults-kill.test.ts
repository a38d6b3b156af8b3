import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PENDING, PHOTOS } from '../../src/photos/repository.js';
import { UPDATES } from '../../src/timeline/repository.js';
import { resetDatabase } from '../support/database.js';
import { confirmAt, confirmPathOf, installationEnv, noisyJpeg, submitReport } from '../support/children.js';
import { appOn, pollUntil, postgresUrl } from '../support/faults.js';
import { startServer, type RunningServer } from '../support/server.js';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '../support/smtp.js';
import { validFields } from './report-form-helpers.js';

/*
 * kill -9 of the real server while 20 residents submit reports with photos at once, then a start
 * on the same database and data directory. What a crash may leave is only what the next start
 * (and the hourly purge) cleans up: never half a report, never a photo file nobody owns, and every
 * report that gets confirmed afterwards is routed.
 */

const SUBMISSIONS = 20;
const PHOTOS_EACH = 2;

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('faults: kill -9 of the app during 20 concurrent submissions', function () {
  this.timeout(180_000);

  let smtp: SmtpCapture | undefined;
  const servers: RunningServer[] = [];

  before(function () {
    if (!postgresUrl()) this.skip();
  });

  after(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    await smtp?.close();
  });

  it('leaves no half report and no orphan photo, and routes every report confirmed after the restart', async () => {
    const direct = await resetDatabase();
    const { knex } = direct;
    smtp = await startSmtpCapture();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-faults-kill-'));
    const env = { ...installationEnv(postgresUrl()!.href, smtp.url), DATA_DIR: dataDir };
    const first = await startServer(env, 120_000);
    servers.push(first);

    const photos = await Promise.all(Array.from({ length: PHOTOS_EACH }, () => noisyJpeg()));
    const outcomes: (number | 'cut off')[] = [];
    const submissions = Array.from({ length: SUBMISSIONS }, (_, index) =>
      submitReport(
        first.url,
        validFields({ title: `Bedre nr. ${index + 1}`, email: `iedzivotajs${index + 1}@example.lv` }),
        photos,
      ).then(
        async (res) => {
          await res.arrayBuffer();
          outcomes.push(res.status);
        },
        () => outcomes.push('cut off'),
      ),
    );

    // Killed as soon as the first report is in: the others are somewhere between upload and commit.
    await pollUntil(
      'the first report written',
      async () => ((await knex('reports').first('id')) ? true : undefined),
      120_000,
      20,
    );
    await first.stop('SIGKILL');
    await Promise.all(submissions);
    assert.ok(outcomes.includes('cut off'), `the kill came mid-way (answers: ${outcomes.join(', ')})`);

    const second = await startServer(env, 120_000);
    servers.push(second);

    // No half report: each report has its first timeline entry, its confirmation email and all
    // its photos (rows), written in one transaction.
    const reports = (await knex('reports').orderBy('id').select('id', 'ref', 'status', 'reporter_email')) as {
      id: number;
      ref: string;
      status: string;
      reporter_email: string;
    }[];
    assert.ok(reports.length >= 1 && reports.length <= SUBMISSIONS);
    for (const report of reports) {
      assert.equal(report.status, 'unconfirmed');
      const updates = (await knex(UPDATES).where({ report_id: report.id }).pluck('to_status')) as string[];
      assert.deepEqual(updates, ['unconfirmed'], `${report.ref} has its timeline entry`);
      const emails = (await knex('outbox').where({ report_id: report.id }).pluck('kind')) as string[];
      assert.deepEqual(emails, ['report-confirm'], `${report.ref} has its confirmation email`);
      const photoRows = (await knex(PHOTOS).where({ report_id: report.id }).pluck('storage_key')) as string[];
      assert.equal(photoRows.length, PHOTOS_EACH, `${report.ref} has all its photos`);
    }

    // The hourly purge of pending uploads, as the scheduler runs it once its grace has passed
    // ("purge-pending-photos": pending rows, their files, then the sweep of unowned and
    // temporary files), run here by the app's own service on the same database and directory.
    const { services, config } = await appOn(direct, { DATA_DIR: dataDir });
    await services.photos.purgePending(new Date(Date.now() + 1000));
    assert.equal(await knex(PENDING).first(), undefined, 'no pending upload is left');

    // No orphan photo: every stored file belongs to a report photo, and every report photo has
    // its image and its thumbnail.
    const keys = new Set((await knex(PHOTOS).pluck('storage_key')) as string[]);
    const files = filesUnder(config.uploadDir);
    const unowned = files.filter((file) => {
      const key = path
        .basename(file)
        .replace(/\.type$/, '')
        .replace(/-thumb$/, '');
      return !keys.has(key);
    });
    assert.deepEqual(unowned, [], 'files nobody owns');
    for (const key of keys) {
      const names = new Set(files.map((file) => path.basename(file)));
      assert.ok(names.has(key) && names.has(`${key}-thumb`), `photo ${key} has its files`);
    }
    assert.deepEqual(
      filesUnder(config.uploadTempDir).filter((file) => !file.startsWith('.')),
      [],
      'no upload left half-written',
    );

    // Every report is confirmed by the link its resident got (whichever process sent it), and
    // routed by the restarted one: its staff emails delivered.
    const confirmations = await smtp.waitFor(
      (messages) =>
        reports.every((report) =>
          messages.some((m) => m.envelope.rcptTo.includes(report.reporter_email) && confirmPathOf(m)),
        ),
      60_000,
    );
    for (const report of reports) {
      const email = confirmations.find(
        (m: CapturedMessage) => m.envelope.rcptTo.includes(report.reporter_email) && confirmPathOf(m),
      )!;
      assert.equal(await confirmAt(second.url, confirmPathOf(email)!), 200, `${report.ref} confirmed`);
    }
    const routed = await pollUntil(
      'every confirmed report routed and its emails sent',
      async () => {
        const rows = (await knex('outbox')
          .whereIn(
            'report_id',
            reports.map((report) => report.id),
          )
          .where({ kind: 'report-new' })
          .select('report_id', 'status', 'message_id', 'to_email')) as {
          report_id: number;
          status: string;
          message_id: string;
          to_email: string;
        }[];
        const ready =
          reports.every((report) => rows.some((row) => row.report_id === report.id)) &&
          rows.every((row) => row.status === 'sent');
        return ready ? rows : undefined;
      },
      60_000,
    );
    for (const row of routed) {
      assert.ok(
        smtp.messages.some(
          (m) => m.parsed.messageId === row.message_id && m.envelope.rcptTo.includes(row.to_email),
        ),
        `routing email to ${row.to_email} delivered`,
      );
    }
    assert.equal((await knex('reports').whereNot({ status: 'open' }).first()) ?? undefined, undefined);
  });
});
