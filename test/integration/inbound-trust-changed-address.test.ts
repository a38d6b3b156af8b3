import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, postSignedReply, routedReport } from '../support/reports.inbound.js';

/*
 * A report keeps a copy of each recipient's address. When an admin gives the contact a new one (the
 * clerk left, or the old one was mistyped and reached a stranger), the old address was still a
 * recipient of every report sent before, and its proven replies were published at once.
 */
describe('a recipient whose contact’s address was changed speaks no more', () => {
  let context: TestContext;
  let report: Report;
  const NEW = 'kaunata.jauna@example.org';

  const post = async (from: string, text: string) =>
    (await postSignedReply(context, { ref: report.ref, from, to: CLERK, text })).outcome;
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('holds a proven reply from the old address for the social worker, and nothing is published', async () => {
    await context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: NEW });
    assert.equal(await post(CLERK, '#atrisināts Viss kārtībā, bedre aizbērta.'), 'held');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, /^not_staff/);
    assert.equal(await status(), 'open');
    const page = await request(context.app).get(`/reports/${report.ref}?lang=lv`).expect(200);
    assert.doesNotMatch(page.text, /bedre aizbērta/);
    const told = await context.services.knex('outbox').where({ report_id: report.id, kind: 'held-reply' });
    assert.deepEqual(
      told.map((mail: { to_email: string }) => mail.to_email),
      ['kaunatas.socialais@example.org'],
    );
  });

  it('applies the same reply from the contact’s new address, and from the old one still in use', async () => {
    await context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: NEW });
    assert.equal(await post(NEW, '#procesā Darbi sāksies pirmdien.'), 'applied');
    assert.equal(await status(), 'in_progress');
    // Only the case changed: still the contact's own address.
    await context.services
      .knex('contacts')
      .where({ code: 'kaunatas-admin' })
      .update({ email: CLERK.toUpperCase() });
    assert.equal(await post(CLERK, '#atrisināts Bedre aizbērta.'), 'applied');
    assert.equal(await status(), 'resolved');
  });

  it('holds a proven reply on a private request from its social worker made a parish administrator', async () => {
    const social = 'kaunatas.socialais@example.org';
    report = await routedReport(context, { categoryCode: 'elderly-help', title: 'Vajag aizvest pie ārsta' });
    assert.ok(report.isPrivate);
    const reply = async (text: string) =>
      (await postSignedReply(context, { ref: report.ref, from: social, to: social, text })).outcome;
    await context.services.knex('contacts').where({ email: social }).update({ role: 'parish_admin' });
    assert.equal(await reply('#procesā Zvanīsim rīt.'), 'held');
    assert.equal(await status(), 'open');
    await context.services.knex('contacts').where({ email: social }).update({ role: 'social_worker' });
    assert.equal(await reply('#procesā Zvanīsim rīt no rīta.'), 'applied');
    assert.equal(await status(), 'in_progress');
  });
});
