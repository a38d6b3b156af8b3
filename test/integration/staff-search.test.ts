import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { whereStaffSearch } from '../../src/staff/reports/search.js';
import type { TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import type { StaffBrowser } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';

/**
 * The queue's search finds what staff type as they type it: without diacritics, and by the
 * reporter's name, email or phone; and only among the reports the searcher may see.
 */
describe('the staff workspace: searching the queue', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let clerk: StaffBrowser;
  let admin: StaffBrowser;
  let inVilani: Report;
  let privateOne: Report;
  let elsewhere: Report;

  beforeEach(async () => {
    ({ context, worker, clerk, admin } = await staffWorkspace());
    inVilani = (
      await makeReport(context.services, {
        title: 'Nedeg laterna',
        description: 'Pie kultūras nama jau nedēļu nedeg laterna.',
        location: 'Viļāni, Kultūras iela 5',
        name: 'Anna Bērziņa',
        email: 'anna.ozola@example.lv',
        phone: '+371 2912 3456',
      })
    ).report;
    // Private: routed to the social worker alone, never the clerk's.
    privateOne = (
      await makeReport(context.services, {
        category: 'elderly-help',
        title: 'Vajag malku',
        name: 'Marta Bērziņa',
        email: 'marta@example.lv',
        phone: '26 55 44 33',
      })
    ).report;
    elsewhere = (
      await makeReport(context.services, {
        parish: 'maltas',
        title: 'Bedre Maltā',
        name: 'Līga Bērziņa',
        email: 'liga@example.lv',
      })
    ).report;
  });

  const found = async (who: StaffBrowser, q: string) =>
    [
      ...(await who.agent.get(`/staff?status=all&q=${encodeURIComponent(q)}`).expect(200)).text.matchAll(
        /data-qa="queue-item" data-ref="([^"]+)"/g,
      ),
    ]
      .map((match) => match[1])
      .sort();

  it('finds words without their diacritics, in any case', async () => {
    for (const q of ['vilani', 'VIĻĀNI', 'Viļāni', 'kulturas nama', 'nedeg'])
      assert.deepEqual(await found(clerk, q), [inVilani.ref], q);
  });

  it('finds a report by its reporter’s name, email or phone, however the number is written', async () => {
    for (const q of [
      'berzina',
      'Anna Bērziņa',
      'anna.ozola@example',
      '29123456',
      '2912 3456',
      '+371 29 12 34 56',
      '371-2912-3456',
    ])
      assert.deepEqual(await found(clerk, q), [inVilani.ref], q);
    // The social worker finds the private request by its asker's number too.
    assert.deepEqual(await found(worker, '26554433'), [privateOne.ref]);
    assert.deepEqual(await found(worker, '+371 26 55 44 33'), [privateOne.ref]);
  });

  it('finds only what the searcher may see: never a private report or another parish’s for a clerk', async () => {
    assert.deepEqual(await found(clerk, 'berzina'), [inVilani.ref]);
    assert.deepEqual(await found(worker, 'berzina'), [inVilani.ref, privateOne.ref].sort());
    assert.deepEqual(await found(admin, 'berzina'), [inVilani.ref, privateOne.ref, elsewhere.ref].sort());
    for (const q of ['marta@example.lv', 'Marta Bērziņa', '26554433', 'malku', 'liga@example.lv', 'Maltā'])
      assert.deepEqual(await found(clerk, q), [], q);
    // Nor does the public list find a report by its reporter: only staff search by them.
    const publicList = (q: string) => request(context.app).get(`/reports?q=${q}`).expect(200);
    assert.match((await publicList('vilani')).text, new RegExp(inVilani.ref));
    for (const q of ['anna.ozola', '29123456', 'berzina'])
      assert.doesNotMatch((await publicList(q)).text, new RegExp(inVilani.ref), q);
  });

  it('finds a request for help by the name of the person it is for, and only for those who may see it', async () => {
    const asked = await askForHelp(
      context,
      forOtherFields({ subject_name: 'Zenta Ābeltiņa', email: '', phone: '+371 2000 0002' }),
    );
    for (const q of ['abeltina', 'Zenta Ābeltiņa', 'ZENTA ABELTINA', 'ābeltiņ'])
      assert.deepEqual(await found(worker, q), [asked.ref], q);
    assert.deepEqual(await found(admin, 'abeltina'), [asked.ref]);
    // The asker is found as before, the helped person beside them.
    assert.deepEqual(await found(worker, 'laizans'), [asked.ref]);
    // A request is private, routed to the social worker alone: never the clerk's, by any name.
    for (const q of ['abeltina', 'laizans']) assert.deepEqual(await found(clerk, q), [], q);
    // Nor does the name find another report, nor the public list the request.
    assert.deepEqual(await found(worker, 'berzina'), [inVilani.ref, privateOne.ref].sort());
    assert.doesNotMatch(
      (await request(context.app).get('/reports?q=abeltina').expect(200)).text,
      new RegExp(asked.ref),
    );
  });

  it('reads the search’s index, not every report', async () => {
    const plan = await context.services.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      for (const q of ['berzina', '+371 29 12 34 56']) {
        const { sql, bindings } = whereStaffSearch(trx('reports as r').select('r.id'), q).toSQL();
        const rows = (await trx.raw(`EXPLAIN ${sql}`, bindings as readonly string[])) as {
          rows: Record<string, string>[];
        };
        const text = rows.rows.map((row) => Object.values(row).join(' ')).join('\n');
        assert.match(text, /reports_staff_search/, `${q}:\n${text}`);
        assert.match(text, /help_requests_staff_search/, `${q}:\n${text}`);
      }
    });
    void plan;
  });
});
