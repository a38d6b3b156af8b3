import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReply, routedReport } from '../support/reports.inbound.js';
import { addStaff, NOVADS_ADMIN, signIn, type StaffBrowser } from '../support/staff.js';

/**
 * A report moved to another parish is no longer the old parish's to answer: its one-click links
 * and its reply address stop acting on it (the reply is held for the social worker, not called
 * forged), while the new parish's work.
 */
describe('a report moved to another parish: the old parish no longer answers for it', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  let report: Report;
  let oldLink: string;
  const MALTA = 'maltas.parvalde@example.org';
  /** A DKIM-signed reply from `from` to the report's reply address made for `from`. */
  const replyFrom = async (from: string, text: string) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(
        Buffer.from(
          await context.sign(
            clerkReply({ from, to: context.services.links.replyAddress(report.ref, from), text }),
          ),
        ),
      );
  const recipientEmails = async () =>
    (await context.services.routing.recipients(report.id)).map((recipient) => recipient.email).sort();
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;

  beforeEach(async () => {
    context = await makeApp();
    admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
    report = await routedReport(context);
    const clerk = (await context.services.routing.recipients(report.id)).find((r) => r.email === CLERK)!;
    oldLink = new URL(context.services.links.action(report.ref, clerk.id, 'resolved', new Date())).pathname;
    await admin.agent
      .post(`/staff/reports/${report.ref}/move`)
      .type('form')
      .send({ _csrf: admin.csrf, category: 'roads', parish: 'maltas' })
      .expect(303);
  });

  it('keeps only the recipients the routing table now chooses', async () => {
    const now = await recipientEmails();
    assert.ok(now.includes(MALTA), 'the new parish');
    assert.ok(!now.includes(CLERK), 'not the old parish');
    assert.ok(!now.includes('kaunatas.socialais@example.org'), 'nor its social worker');
  });

  it('answers an old one-click link with why, in the reader’s language, and changes nothing', async () => {
    const lv = await request(context.app).get(oldLink).expect(410);
    assert.match(lv.text, /nodots citam pagastam vai citai kategorijai/);
    const en = await request(context.app).get(`${oldLink}?lang=en`).expect(410);
    assert.match(en.text, /passed to another parish or category/);
    const ru = await request(context.app)
      .post(`${oldLink}?lang=ru`)
      .type('form')
      .send({ comment: '' })
      .expect(410);
    assert.match(ru.text, /передано другой волости/);
    assert.equal(await status(), 'open');
  });

  it('holds a proven reply from the old parish for the new social worker, and applies the new parish’s', async () => {
    const old = await replyFrom(CLERK, '#atrisināts Salabots.');
    assert.equal(old.body.outcome, 'held');
    assert.equal(await status(), 'open');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, /^moved: /);
    const told = await context.services.knex('outbox').where({ report_id: report.id, kind: 'held-reply' });
    assert.deepEqual(
      told.map((mail: { to_email: string }) => mail.to_email),
      ['maltas.socialais@example.org'],
    );
    assert.match(told[0].text_body, /nodots citam pagastam/);
    const fresh = await replyFrom(MALTA, '#procesā Sāksim pirmdien.');
    assert.equal(fresh.body.outcome, 'applied');
    assert.equal(await status(), 'in_progress');
  });
});
