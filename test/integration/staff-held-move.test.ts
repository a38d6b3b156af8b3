import assert from 'node:assert/strict';
import { postForm } from '../support/staff.js';
import { confirmedAlert } from './alerts-helpers.js';
import { BANNED, heldDesk } from './staff-held-helpers.js';

describe('a held report (a banned sender’s) moved by staff', () => {
  const desk = heldDesk();

  const mailsOf = async (reportId: number) =>
    (await desk().context.services.knex('outbox').where({ report_id: reportId }).orderBy('id')).map(
      (mail: { kind: string; to_email: string }) => `${mail.kind} ${mail.to_email}`,
    );

  it('stays held: routed to nobody and emailed to no one until it is let through', async () => {
    const { context, worker, held } = desk();
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
    const { context, admin, held, followHeld } = desk();
    await confirmedAlert(context.app, context.services.knex, 'malta@example.lv', { place: 'parish:maltas' });
    const report = await held();
    // A follower as one would be had the report been public once: held, it is told nothing either.
    await followHeld(report, { email: 'kaimins@example.org', name: 'Kaimiņš', language: 'en' });
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
      after.filter((mail) => mail.endsWith(` ${BANNED}`)),
      before.filter((mail) => mail.endsWith(` ${BANNED}`)),
      'nothing more to its sender',
    );
  });
});
