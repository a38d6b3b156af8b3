import assert from 'node:assert/strict';
import { postForm } from '../support/staff.js';
import { BANNED, heldDesk } from './staff-held-helpers.js';

describe('a held report (a banned sender’s) answered or closed by staff', () => {
  const desk = heldDesk();

  /** A held report with a follower, as one would be had it been public once. */
  const heldAndFollowed = async () => {
    const report = await desk().held();
    await desk().followHeld(report, { email: 'kaimins@example.org', name: 'K', language: 'en' });
    return report;
  };
  const mailsTo = async (email: string) =>
    (await desk().context.services.knex('outbox').whereRaw('lower(to_email) = ?', [email]).orderBy('id')).map(
      (mail: { kind: string; report_id: number | null }) => `${mail.kind} ${mail.report_id}`,
    );

  it('given a new status, then closed with a public answer, tells neither its banned sender nor a follower', async () => {
    const { context, worker } = desk();
    const report = await heldAndFollowed();
    const [sender, follower] = [await mailsTo(BANNED), await mailsTo('kaimins@example.org')];
    await postForm(worker, `/staff/reports/${report.ref}/update`, { status: 'in_progress' }).expect(303);
    await postForm(worker, `/staff/reports/${report.ref}/update`, {
      status: 'closed',
      closeReason: 'no_action',
      publicText: 'Šeit nav ko darīt.',
    }).expect(303);
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.status, 'closed', 'closed');
    assert.ok(row.held_at, 'still held');
    assert.deepEqual(await mailsTo(BANNED), sender, 'nothing to its sender');
    assert.deepEqual(await mailsTo('kaimins@example.org'), follower, 'nothing to its follower');
  });

  it('closed as a duplicate of a public report, makes neither its sender nor a follower follow that one', async () => {
    const { context, worker, kaunataPublic } = desk();
    const report = await heldAndFollowed();
    await postForm(worker, `/staff/reports/${report.ref}/update`, {
      status: 'closed',
      closeReason: 'duplicate',
      duplicateOf: kaunataPublic.ref,
    }).expect(303);
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.duplicate_of, kaunataPublic.id, 'linked');
    const followers = (await context.services
      .knex('subscriptions')
      .where({ report_id: kaunataPublic.id })
      .pluck('email')) as string[];
    assert.ok(!followers.includes(BANNED), 'its banned sender follows nothing');
    assert.ok(!followers.includes('kaimins@example.org'));
    // The public report's news later reaches none of them.
    await postForm(worker, `/staff/reports/${kaunataPublic.ref}/update`, { publicText: 'Strādājam.' }).expect(
      303,
    );
    assert.ok(!(await mailsTo(BANNED)).includes(`report-update ${kaunataPublic.id}`));
  });
});
