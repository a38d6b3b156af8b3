import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Knex } from 'knex';
import sharp from 'sharp';
import request from 'supertest';
import { hasReports, seedDemo, seedDemoIfEmpty, type DemoSummary } from '../../seeds/demo.js';
import { wantsDemo } from '../../src/db/prepare.js';
import { normaliseRef } from '../../src/reports/refs.js';
import { chooseRecipients } from '../../src/routing/rules.js';
import { STATUSES } from '../../src/reports/types.js';
import { LocalDiskStorage, thumbnailKey } from '../../src/uploads/storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { resetDatabase } from '../support/database.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

interface UpdateRow {
  id: number;
  report_id: number;
  author_kind: string;
  contact_id: number | null;
  from_status: string | null;
  to_status: string | null;
  public_text: string | null;
  is_public: boolean;
  created_at: Date;
}

async function storedBytes(storage: LocalDiskStorage, key: string): Promise<Buffer | null> {
  const object = await storage.get(key);
  if (!object) return null;
  return object.body instanceof Readable ? buffer(object.body) : object.body;
}

describe('the demo reports', function () {
  this.timeout(120_000);
  let context: TestContext;
  let knex: Knex;
  /** The app's photo storage: its DATA_DIR/uploads. */
  let storage: LocalDiskStorage;
  let summary: DemoSummary;

  before(async () => {
    context = await makeApp({}, { clock: () => NOW });
    knex = context.services.knex;
    storage = new LocalDiskStorage(context.config.uploadDir);
    summary = await seedDemo(knex, { count: 300, storage, now: NOW });
  });

  after(() => fs.rmSync(context.config.dataDir, { recursive: true, force: true }));

  it('are 300 reports in all 29 parishes and every category, public and private', async () => {
    assert.equal(summary.reports, 300);
    const reports = await knex('reports').select('parish_code', 'category_code');
    assert.equal(reports.length, 300);
    assert.equal(new Set(reports.map((r) => r.parish_code)).size, 29);
    const categories = (await knex('categories').pluck('code')) as string[];
    assert.deepEqual(new Set(reports.map((r) => r.category_code)), new Set(categories));
  });

  it('are in every status, mostly open to resolved, and closed ones carry a reason', async () => {
    const rows = await knex('reports').select('status', 'close_reason');
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    for (const status of STATUSES) assert.ok(count(status) > 0, `some ${status}`);
    assert.ok(count('unconfirmed') < 20, 'only a few unconfirmed');
    const working = ['open', 'acknowledged', 'in_progress', 'resolved'].reduce((sum, s) => sum + count(s), 0);
    assert.ok(working > rows.length * 0.7, `mostly open to resolved (${working})`);
    for (const row of rows)
      assert.equal(row.close_reason !== null, row.status === 'closed', JSON.stringify(row));
  });

  it('use only example.org addresses, for reporters and recipients', async () => {
    const emails = [
      ...((await knex('reports').pluck('reporter_email')) as string[]),
      ...((await knex('report_recipients').pluck('email')) as string[]),
    ];
    for (const email of emails) assert.match(email, /^[a-z0-9._-]+@example\.org$/);
    const phones = await knex('reports').whereNotNull('reporter_phone').count({ n: '*' });
    assert.equal(Number(phones[0]!.n), 0);
  });

  it('have unique, well-formed references numbered in order of filing', async () => {
    const rows = (await knex('reports').select('ref', 'created_at').orderBy('id')) as {
      ref: string;
      created_at: Date;
    }[];
    assert.equal(new Set(rows.map((r) => r.ref)).size, rows.length);
    for (const row of rows) {
      assert.equal(normaliseRef(row.ref), row.ref);
      assert.ok(row.ref.startsWith(`RZN-${row.created_at.getUTCFullYear()}-`), row.ref);
    }
    const numbers = rows.map((r) => Number(r.ref.slice(-5)));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
  });

  it('are dated over the ten months before now, in waking hours', async () => {
    const dates = (await knex('reports').pluck('created_at')) as Date[];
    for (const date of dates) {
      assert.ok(date <= NOW && date.getTime() > NOW.getTime() - 310 * DAY, date.toISOString());
    }
    const months = new Set(dates.map((date) => date.toISOString().slice(0, 7)));
    assert.ok(months.size >= 10, `${months.size} months`);
  });

  it('are routed to the recipients the routing rules choose, once confirmed', async () => {
    const rules = (await knex('routing_rules').select('*')).map((r) => ({
      parishCode: r.parish_code,
      apvienibaCode: r.apvieniba_code,
      categoryCode: r.category_code,
      contactId: r.contact_id,
    }));
    const reports = await knex('reports')
      .join('parishes', 'parishes.code', 'reports.parish_code')
      .select(
        'reports.id',
        'reports.status',
        'reports.category_code',
        'reports.parish_code',
        'parishes.apvieniba_code',
      );
    const recipients = await knex('report_recipients').select('report_id', 'contact_id');
    for (const report of reports) {
      const got = recipients.filter((r) => r.report_id === report.id).map((r) => r.contact_id as number);
      const expected =
        report.status === 'unconfirmed'
          ? []
          : chooseRecipients(rules, {
              parishCode: report.parish_code,
              apvienibaCode: report.apvieniba_code,
              categoryCode: report.category_code,
            });
      assert.deepEqual(got.sort(), expected.sort(), `report ${report.id}`);
      if (report.status !== 'unconfirmed') assert.ok(got.length > 0);
    }
  });

  it('have timelines that begin with the form and end in the report’s status', async () => {
    const reports = (await knex('reports').select('id', 'status', 'created_at', 'updated_at')) as {
      id: number;
      status: string;
      created_at: Date;
      updated_at: Date;
    }[];
    const updates = (await knex('report_updates')
      .select('*')
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as UpdateRow[];
    for (const report of reports) {
      const timeline = updates.filter((u) => u.report_id === report.id);
      const last = timeline[timeline.length - 1]!;
      assert.equal(timeline[0]!.to_status, 'unconfirmed');
      assert.equal(timeline[0]!.is_public, false);
      assert.equal(timeline[0]!.created_at.getTime(), report.created_at.getTime());
      const changes = timeline.filter((u) => u.to_status !== null);
      assert.equal(changes[changes.length - 1]!.to_status, report.status, `report ${report.id}`);
      for (const [i, change] of changes.entries()) {
        if (i > 0)
          assert.equal(change.from_status, changes[i - 1]!.to_status, `report ${report.id} row ${change.id}`);
      }
      assert.equal(report.updated_at.getTime(), last.created_at.getTime());
      assert.ok(last.created_at <= NOW);
    }
    const answered = updates.filter((u) => u.author_kind === 'recipient' && u.to_status === 'acknowledged');
    assert.ok(
      answered.length > 0 && answered.every((u) => u.public_text && u.contact_id),
      'acknowledged with a public text',
    );
    assert.ok(
      updates.some((u) => u.author_kind === 'reporter' && u.to_status === null && u.public_text),
      'reporter comments',
    );
  });

  it('mark reports in private categories private, and only those', async () => {
    const rows = await knex('reports')
      .join('categories', 'categories.code', 'reports.category_code')
      .select('reports.is_private', 'categories.visibility');
    assert.ok(rows.some((r) => r.is_private));
    for (const row of rows) assert.equal(row.is_private, row.visibility === 'private');
  });

  it('are written in Latvian, Russian and English', async () => {
    const rows = await knex('reports').select('language', 'title');
    const share = (language: string) => rows.filter((r) => r.language === language).length / rows.length;
    assert.ok(share('lv') > 0.6);
    assert.ok(share('ru') > 0.03);
    assert.ok(share('en') > 0);
    assert.ok(
      rows.some((r) => /[а-яё]/i.test(r.title)),
      'some in Cyrillic',
    );
  });

  it('say what each answer and comment is written in, so pages mark it (parish Latvian, reporter their own)', async () => {
    const rows = await knex('report_updates as u')
      .join('reports as r', 'r.id', 'u.report_id')
      .whereNotNull('u.public_text')
      .select('u.language', 'u.author_kind', 'r.language as reporter_language');
    assert.ok(rows.length > 100);
    for (const row of rows)
      assert.equal(row.language, row.author_kind === 'reporter' ? row.reporter_language : 'lv');
    assert.ok(rows.some((row) => row.language === 'ru'));
  });

  it('have photos on about a third of public reports, stored as processed JPEGs with thumbnails', async () => {
    const photos = await knex('report_photos')
      .join('reports', 'reports.id', 'report_photos.report_id')
      .select('report_photos.*', 'reports.is_private');
    assert.equal(photos.length, summary.photos);
    const withPhotos = new Set(photos.filter((p) => p.update_id === null).map((p) => p.report_id)).size;
    assert.ok(withPhotos > 60 && withPhotos < 160, `${withPhotos} reports with photos`);
    assert.ok(
      photos.every((p) => !p.is_private),
      'no photos of private help requests',
    );
    for (const photo of photos.slice(0, 20)) {
      const image = await storedBytes(storage, photo.storage_key);
      assert.ok(image, `photo ${photo.storage_key} on disk`);
      const meta = await sharp(image).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.width, photo.width);
      assert.equal(meta.exif, undefined);
      assert.ok(await storedBytes(storage, thumbnailKey(photo.storage_key)), 'thumbnail on disk');
    }
  });

  it('show on the public list and report pages', async () => {
    const report = await knex('reports')
      .where({ status: 'resolved', is_private: false })
      .whereNull('withdrawn_at')
      .first();
    const list = await request(context.app).get(`/reports?parish=${report.parish_code}`).expect(200);
    assert.match(list.text, /RZN-\d{4}-\d{5}/);
    const page = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    const fix = (await knex('report_updates')
      .where({ report_id: report.id, to_status: 'resolved' })
      .first('public_text')) as { public_text: string | null };
    if (fix.public_text)
      assert.ok(page.text.includes(fix.public_text.replace(/"/g, '&#34;')), 'the fix shows on the page');
  });

  it('have asked "is it fixed?" already, so the scheduler emails nobody at the first start', async () => {
    assert.ok(Number((await knex('fixed_questions').count({ n: '*' }))[0]!.n) > 0);
    assert.equal(await context.services.fixedQuestions.askDue(), 0);
  });

  it('load into an empty database only, when asked to', async () => {
    assert.ok(await hasReports(knex));
    assert.equal(
      await seedDemoIfEmpty(knex, {
        count: 5,
        storage,
        now: NOW,
        photos: 'none',
      }),
      undefined,
    );
    assert.equal(Number((await knex('reports').count({ n: '*' }))[0]!.n), 300);
  });

  it('are the same demo every time', async () => {
    const { knex: fresh } = await resetDatabase();
    // How long a small demo takes to load is a figure of bench/timings.ts, not a test.
    const small = await seedDemo(fresh, {
      count: 20,
      storage,
      now: NOW,
      photos: 'few',
    });
    assert.equal(small.reports, 20);
    const titles = (await fresh('reports').orderBy('id').pluck('title')) as string[];
    await resetDatabase();
    await seedDemo(fresh, { count: 20, storage, now: NOW, photos: 'none' });
    assert.deepEqual(await fresh('reports').orderBy('id').pluck('title'), titles);
  });
});

describe('loading the demo at start-up', () => {
  it('happens on a new embedded database outside production, or when SEED_DEMO=yes', () => {
    assert.equal(wantsDemo({ seedDemo: 'auto', production: false }, 'pglite'), true);
    assert.equal(wantsDemo({ seedDemo: 'auto', production: false }, 'postgres'), false);
    assert.equal(wantsDemo({ seedDemo: 'auto', production: true }, 'pglite'), false);
    assert.equal(wantsDemo({ seedDemo: 'yes', production: true }, 'postgres'), true);
    assert.equal(wantsDemo({ seedDemo: 'no', production: false }, 'pglite'), false);
  });
});
