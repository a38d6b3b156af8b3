import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { staffBrowser } from './moderation-helpers.js';

const EMAIL = 'ilze.kalnina@example.org';

const report = (context: TestContext, title: string, email: string) =>
  makeReport(context.services, {
    category: 'roads',
    parish: 'kaunatas',
    title,
    description: 'Liela bedre.',
    name: 'Ilze Kalniņa',
    email,
  });

describe('erasing a reporter whose report was closed as a duplicate', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  before(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  it('takes the follow of the other reports their report gave them, and leaves others’ and their own', async () => {
    const knex = context.services.knex;
    const { report: theirs } = await report(context, 'Bedre pie skolas', EMAIL);
    const { report: kept } = await report(context, 'Bedre pie skolas (pirmais)', 'janis@example.org');
    const { report: last } = await report(context, 'Bedre pie skolas (vēl viens)', 'anna@example.org');
    const { report: unrelated } = await report(context, 'Cita bedre', 'peteris@example.org');
    // Theirs closed as a duplicate of `kept`, and `kept` later as a duplicate of `last`: the follow moved on.
    await knex('reports').where({ id: theirs.id }).update({ status: 'closed', duplicate_of: kept.id });
    await knex('reports').where({ id: kept.id }).update({ status: 'closed', duplicate_of: last.id });
    const now = new Date();
    const follow = (reportId: number, email: string, origin: string) => ({
      report_id: reportId,
      email,
      name: 'x',
      origin,
      confirmed_at: now,
      created_at: now,
    });
    await knex('subscriptions').insert([
      follow(kept.id, 'Ilze.Kalnina@example.org', 'duplicate'),
      follow(last.id, EMAIL, 'duplicate'),
      follow(last.id, 'kaimins@example.org', 'duplicate'),
      follow(unrelated.id, EMAIL, 'followed'),
    ]);

    await postForm(admin, `/staff/admin/reports/${theirs.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );

    const left = (await knex('subscriptions')
      .orderBy(['report_id', 'email'])
      .select('report_id', 'email')) as { report_id: number; email: string }[];
    assert.deepEqual(
      left.map((row) => [row.report_id, row.email]),
      [
        [last.id, 'kaimins@example.org'],
        [unrelated.id, EMAIL],
      ],
    );
  });
});
