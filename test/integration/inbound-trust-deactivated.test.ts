import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { postSignedReply, routedReport } from '../support/reports.inbound.js';
import { addStaff, KAUNATA_WORKER } from '../support/staff.js';

/*
 * Deactivating a staff member is how an admin says they left: their sessions end and their links
 * stop working. Their address stayed a contact and a recipient of every report sent to it, and
 * their proven replies were still published at once.
 */
describe('a deactivated staff member speaks for no parish by email', () => {
  let context: TestContext;
  let report: Report;
  const worker = KAUNATA_WORKER.email;

  const post = async (text: string) =>
    (await postSignedReply(context, { ref: report.ref, from: worker, to: worker, text })).outcome;
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
    await addStaff(context, KAUNATA_WORKER);
  });

  it('holds their proven reply for the social worker, and nothing is published', async () => {
    await context.services.knex('staff_members').where({ email: worker }).update({ active: false });
    assert.equal(await post('#atrisināts Bedre aizbērta.'), 'held');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, /^not_staff/);
    assert.equal(await status(), 'open');
    const page = await request(context.app).get(`/reports/${report.ref}?lang=lv`).expect(200);
    assert.doesNotMatch(page.text, /Bedre aizbērta/);
  });

  it('applies it while they are active', async () => {
    assert.equal(await post('#atrisināts Bedre aizbērta.'), 'applied');
    assert.equal(await status(), 'resolved');
  });
});
