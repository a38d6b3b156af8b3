import assert from 'node:assert/strict';
import request from 'supertest';
import type { SmtpReceiver } from '../../src/inbound/smtp-receiver.js';
import { startSmtpDoor } from '../support/smtp-door.js';
import { DEVELOPER_MACHINE, makeApp, type TestContext } from '../support/app.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { freePort } from '../support/server.js';

describe('answering an email from the dev mailbox', function () {
  this.timeout(30_000);
  let context: TestContext;
  let receiver: SmtpReceiver;

  beforeEach(async () => {
    const port = await freePort();
    // A developer's machine: localhost, no SMTP server, so the mailbox exists and replies are not checked.
    context = await makeApp({ ...DEVELOPER_MACHINE, INBOUND_SMTP_PORT: String(port) });
    ({ receiver } = await startSmtpDoor(context, { port }));
  });
  afterEach(() => receiver.stop());

  it('says an erased person’s email subject in the reader’s language', async () => {
    const report = await routedReport(context);
    const email = await context.services.knex('outbox').where({ report_id: report.id }).first('id');
    await context.services.knex('outbox').where({ id: email.id }).update({ subject: '[erased]' });
    for (const path of ['/dev/mailbox', `/dev/mailbox/${email.id}`]) {
      const page = (await request(context.app).get(`${path}?lang=ru`).expect(200)).text;
      assert.ok(page.includes('[удалено]'), path);
      assert.doesNotMatch(page, /\[erased\]/, path);
    }
  });

  it('sends a real reply through the SMTP door, which updates the report', async () => {
    const report = await routedReport(context);
    const email = await context.services
      .knex('outbox')
      .where({ kind: 'report-new', to_email: CLERK })
      .first();
    const page = await request(context.app).get(`/dev/mailbox/${email.id}`).expect(200);
    assert.match(page.text, /data-qa="reply-form"/);
    await request(context.app)
      .post(`/dev/mailbox/${email.id}/reply`)
      .type('form')
      .send({ text: '#atrisināts\nBedre aizbērta.' })
      .expect(303)
      .expect('Location', `/dev/mailbox/${email.id}?replied=1`);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'resolved');
    const [inbound] = await context.services.knex('inbound_messages').select('source', 'outcome');
    assert.deepEqual(inbound, { source: 'smtp', outcome: 'applied' });
    const shown = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.match(shown.text, /Bedre aizbērta\./);
    assert.doesNotMatch(shown.text, /Tilts wrote:/);
  });

  it('refuses another site: its page posting the reply form, or a name of its own pointed at this machine', async () => {
    const report = await routedReport(context);
    const email = await context.services
      .knex('outbox')
      .where({ kind: 'report-new', to_email: CLERK })
      .first();
    await request(context.app)
      .post(`/dev/mailbox/${email.id}/reply`)
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ text: '#slēgts nav-mūsu' })
      .expect(403);
    await request(context.app)
      .post(`/dev/mailbox/${email.id}/reply`)
      .set('Origin', 'http://evil.example')
      .type('form')
      .send({ text: '#slēgts nav-mūsu' })
      .expect(403);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    // DNS rebinding: evil.example resolves to 127.0.0.1, and the browser sends its own name.
    await request(context.app).get('/dev/mailbox').set('Host', 'evil.example:3000').expect(404);
    await request(context.app).get(`/dev/mailbox/${email.id}`).set('Host', 'evil.example').expect(404);
    for (const host of ['localhost:3000', 'tilts.localhost', '127.0.0.1:3000', '[::1]:3000'])
      await request(context.app).get('/dev/mailbox').set('Host', host).expect(200);
  });

  it('asks again for an empty answer and offers no form for an email without a reply address', async () => {
    await routedReport(context);
    const email = await context.services
      .knex('outbox')
      .where({ kind: 'report-new', to_email: CLERK })
      .first();
    const empty = await request(context.app)
      .post(`/dev/mailbox/${email.id}/reply`)
      .type('form')
      .send({ text: '  ' })
      .expect(400);
    assert.match(empty.text, /id="reply-error"/);
    const toResident = await context.services.knex('outbox').where({ kind: 'report-published' }).first();
    const page = await request(context.app).get(`/dev/mailbox/${toResident.id}`).expect(200);
    assert.doesNotMatch(page.text, /data-qa="reply-form"/);
  });

  it('answers from another address when asked: held for the social worker, who is emailed a link to it', async () => {
    const report = await routedReport(context);
    const email = await context.services
      .knex('outbox')
      .where({ kind: 'report-new', to_email: CLERK })
      .first();
    const bad = await request(context.app)
      .post(`/dev/mailbox/${email.id}/reply?lang=en`)
      .type('form')
      .send({ text: 'Bedre aizbērta.', from: 'not an address' })
      .expect(400);
    assert.match(bad.text, /id="reply-from-error"[^>]*>Enter one email address/);
    assert.match(bad.text, />Bedre aizbērta\.<\/textarea>/);
    await request(context.app)
      .post(`/dev/mailbox/${email.id}/reply`)
      .type('form')
      .send({ text: '#atrisināts Bedre aizbērta.', from: 'kaimins@example.org' })
      .expect(303);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    const [inbound] = await context.services.knex('inbound_messages').select('id', 'outcome', 'from_email');
    assert.deepEqual([inbound.outcome, inbound.from_email], ['held', 'kaimins@example.org']);
    const [notice] = await context.services.knex('outbox').where({ kind: 'held-reply' });
    assert.match(notice.text_body, new RegExp(`http://localhost:3000/staff/inbound/${inbound.id}\\b`));
  });
});
