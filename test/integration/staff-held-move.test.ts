import assert from 'node:assert/strict';
import type { TestContext } from '../support/app.js';
import { confirmedFollower, makeReport } from '../support/reports.js';
import { addStaff, postForm, signIn, type StaffBrowser } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';
import { confirmedAlert } from './alerts-helpers.js';

describe('a held report (a banned sender’s) moved by staff', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let admin: StaffBrowser;

  beforeEach(async () => {
    ({ context, worker, admin } = await staffWorkspace());
    const moderator = await signIn(
      context,
      await addStaff(context, { email: 'moderators@example.org', role: 'moderator' }),
    );
    await postForm(moderator, '/staff/moderation/bans', {
      kind: 'address',
      value: 'spamer@example.lv',
      reason: 'Reklāma',
    }).expect(303);
  });

  const held = async () => {
    const { report } = await makeReport(context.services, { email: 'spamer@example.lv', title: 'Lēti logi' });
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.ok(row.held_at, 'held');
    return report;
  };
  const mailsOf = async (reportId: number) =>
    (await context.services.knex('outbox').where({ report_id: reportId }).orderBy('id')).map(
      (mail: { kind: string; to_email: string }) => `${mail.kind} ${mail.to_email}`,
    );

  it('stays held: routed to nobody and emailed to no one until it is let through', async () => {
    const report = await held();
    const before = await mailsOf(report.id);
    await postForm(worker, `/staff/reports/${report.ref}/move`, {
      category: 'street-lighting',
      parish: 'kaunatas',
    }).expect(303);
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.category_code, 'street-lighting', 'moved');
    assert.ok(row.held_at, 'still held');
    assert.deepEqual(await mailsOf(report.id), before, 'no email about it');
    assert.deepEqual(
      await context.services.knex('report_recipients').where({ report_id: report.id }),
      [],
      'routed to nobody',
    );
    // Let through, it is routed where it now belongs, and its recipients are told once.
    await postForm(worker, `/staff/reports/${report.ref}/release`).expect(303);
    const sent = (await mailsOf(report.id)).filter((mail) => mail.startsWith('report-new '));
    assert.ok(sent.length > 0);
    assert.equal(new Set(sent).size, sent.length, 'each told once');
  });

  it('moved to another parish, tells neither its banned sender nor a follower nor an alert', async () => {
    await confirmedAlert(context.app, context.services.knex, 'malta@example.lv', { place: 'parish:maltas' });
    const report = await held();
    // A follower as one would be had the report been public once: held, it is told nothing either.
    const { held_at: heldAt } = await context.services
      .knex('reports')
      .where({ id: report.id })
      .first('held_at');
    await context.services.knex('reports').where({ id: report.id }).update({ held_at: null });
    await confirmedFollower(context.services, report, {
      email: 'kaimins@example.org',
      name: 'Kaimiņš',
      language: 'en',
    });
    await context.services.knex('reports').where({ id: report.id }).update({ held_at: heldAt });
    const before = await mailsOf(report.id);
    await postForm(admin, `/staff/reports/${report.ref}/move`, {
      category: 'roads',
      parish: 'maltas',
    }).expect(303);
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.parish_code, 'maltas', 'moved');
    assert.ok(row.held_at, 'still held');
    assert.deepEqual(await mailsOf(report.id), before, 'no email about the move to anyone');
    // Let through, its recipients in Malta hear of it; its sender was thanked when they confirmed.
    await postForm(admin, `/staff/reports/${report.ref}/release`).expect(303);
    const after = await mailsOf(report.id);
    assert.ok(after.some((mail) => mail.startsWith('report-new ')));
    assert.deepEqual(
      after.filter((mail) => mail.endsWith(' spamer@example.lv')),
      before.filter((mail) => mail.endsWith(' spamer@example.lv')),
      'nothing more to its sender',
    );
  });
});
