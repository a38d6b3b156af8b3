import assert from 'node:assert/strict';
import request from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { makeApp } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { systemNote } from '../../src/timeline/system-note.js';
import { publicAnswer } from './alerts-helpers.js';

const HOUR = 60 * 60 * 1000;

/*
 * A report's `lastmod` in the sitemap is when its public page last changed: published, answered in
 * public, a photo or an answer hidden, moved. Not `reports.updated_at`, which an assignment or a
 * hidden staff note also moves: the sitemap would tell the world of internal work, and send
 * crawlers to a page that did not change.
 */
describe('the sitemap’s last change of a report', () => {
  it('follows what the public page shows, not internal work', async () => {
    const start = new Date('2026-03-02T08:00:00Z');
    let now = start;
    const { app, services } = await makeApp({}, { clock: () => now });
    const { report } = await makeReport(services, { parish: 'kaunatas' });
    const lastmod = async () => {
      const res = await request(app).get('/sitemap.xml').expect(200);
      const { urlset } = new XMLParser().parse(res.text) as {
        urlset: { url: { loc: string; lastmod?: string }[] };
      };
      return urlset.url.find((url) => url.loc.endsWith(`/reports/${report.ref}`))?.lastmod;
    };
    const published = await lastmod();
    assert.ok(published);

    // Internal work a day later: assigned, a hidden staff note.
    now = new Date(start.getTime() + 24 * HOUR);
    const [staff] = await services.knex('staff_members').select('id').limit(1);
    await services
      .knex('reports')
      .where({ id: report.id })
      .update({ assigned_staff_id: staff?.id ?? null, updated_at: now });
    const [note] = (await services
      .knex('report_updates')
      .insert({
        report_id: report.id,
        author_kind: 'staff',
        channel: 'web',
        internal_note: 'Zvanīju ceļu dienestam.',
        is_public: false,
        created_at: now,
      })
      .returning('id')) as { id: number }[];
    // The note's photo (an internal reply by email keeps its photos, for staff) is internal too.
    await services.knex('report_photos').insert({
      report_id: report.id,
      update_id: note!.id,
      storage_key: 'internal-note-photo',
      width: 10,
      height: 10,
      thumb_width: 10,
      thumb_height: 10,
      position: 0,
      created_at: now,
    });
    assert.equal(await lastmod(), published, 'nothing public changed');

    // A public answer two days later is a change.
    now = new Date(start.getTime() + 48 * HOUR);
    await publicAnswer(services, report, 'Salabosim rīt.');
    assert.equal(await lastmod(), now.toISOString());

    // Hiding that answer changes the page (it says it was hidden, and when).
    now = new Date(start.getTime() + 72 * HOUR);
    await services
      .knex('report_updates')
      .where({ report_id: report.id, public_text: 'Salabosim rīt.' })
      .update({ hidden_at: now, hidden_reason: 'Rupjības' });
    assert.equal(await lastmod(), now.toISOString());

    // A move to another category shows on the page, though staff's note of it is internal.
    now = new Date(start.getTime() + 96 * HOUR);
    await services.knex('report_updates').insert({
      report_id: report.id,
      author_kind: 'staff',
      channel: 'web',
      internal_note: systemNote({
        note: 'moved',
        from: 'roads/kaunatas',
        to: 'lighting/kaunatas',
        recipients: [],
      }),
      is_public: false,
      created_at: now,
    });
    assert.equal(await lastmod(), now.toISOString());
  });
});
