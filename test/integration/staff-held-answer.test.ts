import assert from 'node:assert/strict';
import type { TestContext } from '../support/app.js';
import { confirmedFollower, makeReport } from '../support/reports.js';
import { addStaff, postForm, signIn, type StaffBrowser } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';
import type { Report } from '../../src/reports/types.js';

describe('a held report (a banned sender’s) answered or closed by staff', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let kaunataPublic: Report;

  beforeEach(async () => {
    ({ context, worker, kaunataPublic } = await staffWorkspace());
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

  /** A held report with a follower, as one would be had it been public once. */
  const heldAndFollowed = async () => {
    const { report } = await makeReport(context.services, { email: 'spamer@example.lv', title: 'Lēti logi' });
    const { knex } = context.services;
    const { held_at: heldAt } = await knex('reports').where({ id: report.id }).first('held_at');
    assert.ok(heldAt, 'held');
    await knex('reports').where({ id: report.id }).update({ held_at: null });
    await confirmedFollower(context.services, report, {
      email: 'kaimins@example.org',
      name: 'K',
      language: 'en',
    });
    await knex('reports').where({ id: report.id }).update({ held_at: heldAt });
    return report;
  };
  const mailsTo = async (email: string) =>
    (await context.services.knex('outbox').whereRaw('lower(to_email) = ?', [email]).orderBy('id')).map(
      (mail: { kind: string; report_id: number | null }) => `${mail.kind} ${mail.report_id}`,
    );

  it('given a new status, then closed with a public answer, tells neither its banned sender nor a follower', async () => {
    const report = await heldAndFollowed();
    const [sender, follower] = [await mailsTo('spamer@example.lv'), await mailsTo('kaimins@example.org')];
    await postForm(worker, `/staff/reports/${report.ref}/update`, { status: 'in_progress' }).expect(303);
    await postForm(worker, `/staff/reports/${report.ref}/update`, {
      status: 'closed',
      closeReason: 'no_action',
      publicText: 'Šeit nav ko darīt.',
    }).expect(303);
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.status, 'closed', 'closed');
    assert.ok(row.held_at, 'still held');
    assert.deepEqual(await mailsTo('spamer@example.lv'), sender, 'nothing to its sender');
    assert.deepEqual(await mailsTo('kaimins@example.org'), follower, 'nothing to its follower');
  });

  it('closed as a duplicate of a public report, makes neither its sender nor a follower follow that one', async () => {
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
    assert.ok(!followers.includes('spamer@example.lv'), 'its banned sender follows nothing');
    assert.ok(!followers.includes('kaimins@example.org'));
    // The public report's news later reaches none of them.
    await postForm(worker, `/staff/reports/${kaunataPublic.ref}/update`, { publicText: 'Strādājam.' }).expect(
      303,
    );
    assert.ok(!(await mailsTo('spamer@example.lv')).includes(`report-update ${kaunataPublic.id}`));
  });
});
