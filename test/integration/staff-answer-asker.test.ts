import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeHelpRequest } from '../support/help.js';
import { CLERK, postClerkReply, routedReport } from '../support/reports.inbound.js';
import { addStaff, KAUNATA_CLERK, KAUNATA_WORKER, postForm, signIn } from '../support/staff.js';

/**
 * What staff write to a resident and who reads it as written: a private request has one reader
 * besides staff, its asker, who is told the number to call; a public answer is everyone's, and
 * masked for everyone, the resident too.
 */
describe('staff answers: contacts for the asker of a private request, masked on public reports', () => {
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  const lastMailTo = async (email: string) =>
    (await context.services
      .knex('outbox')
      .where({ kind: 'report-update', to_email: email })
      .orderBy('id', 'desc')
      .first()) as { text_body: string; html_body: string } | undefined;

  it('lets the asker read the phone number and address the social worker gave, but no acting link', async () => {
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org' });
    const actionLink = context.services.links.action(asked.ref, 1, 'resolved', new Date());
    const text = `Labdien! Zvaniet man uz 64600000 vai rakstiet inese.social@example.org. ${actionLink}`;
    await postForm(worker, `/staff/reports/${asked.ref}/update`, {
      status: 'acknowledged',
      publicText: text,
    }).expect(303);

    const mail = await lastMailTo('olga.testova@example.org');
    assert.ok(mail, 'the asker is told');
    for (const body of [mail.text_body, mail.html_body]) {
      assert.match(body, /Zvaniet man uz 64600000 vai rakstiet inese\.social@example\.org\./);
      assert.ok(!body.includes(actionLink), 'a link that acts on the request is never passed on');
    }
    const token = context.services.links.reporterToken(asked.ref);
    const own = await request(context.app).get(`/reports/${asked.ref}?token=${token}`).expect(200);
    assert.match(own.text, /Zvaniet man uz 64600000 vai rakstiet inese\.social@example\.org\. \[…\]/);
    // The staff form says so, in the reader's language.
    const form = await worker.agent.get(`/staff/reports/${asked.ref}?lang=en`).expect(200);
    assert.match(form.text, /they read it as written, phone numbers included/);
  });

  it('lets the asker read the phone number the social worker gave in a reply by email too', async () => {
    await context.services.knex('contacts').where({ code: 'kaunatas-social' }).update({ email: CLERK });
    const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org' });
    const { outcome } = await postClerkReply(context, asked, '#procesā Jums piezvanīs Līga, tālr. 29999888.');
    assert.equal(outcome, 'applied');

    const mail = await lastMailTo('olga.testova@example.org');
    assert.ok(mail, 'the asker is told');
    for (const body of [mail.text_body, mail.html_body]) assert.match(body, /Līga, tālr\. 29999888\./);
    const token = context.services.links.reporterToken(asked.ref);
    const own = await request(context.app).get(`/reports/${asked.ref}?token=${token}`).expect(200);
    assert.match(own.text, /Līga, tālr\. 29999888\./);
  });

  it('masks a number in a public answer by email for everyone, the resident too; the workspace refuses one', async () => {
    const clerk = await signIn(context, await addStaff(context, KAUNATA_CLERK));
    const report = await routedReport(context, { email: 'janis.b@example.org' });
    // Typed in the workspace, nothing would cut or mask it as typed: the form says so, and refuses it.
    const form = await clerk.agent.get(`/staff/reports/${report.ref}?lang=en`).expect(200);
    assert.match(form.text, /Write no signature, name, phone number or email address in it/);
    await postForm(clerk, `/staff/reports/${report.ref}/update`, {
      status: 'acknowledged',
      publicText: 'Zvaniet 64601234.',
    }).expect(422);
    // By email the number is masked as the reply is published.
    const { outcome } = await postClerkReply(context, report, '#saņemts Zvaniet 64601234.');
    assert.equal(outcome, 'applied');
    const mail = await lastMailTo('janis.b@example.org');
    assert.ok(mail);
    assert.match(mail.text_body, /Zvaniet \[…\]\./);
    assert.ok(!mail.text_body.includes('64601234'));
    const token = context.services.links.reporterToken(report.ref);
    const own = await request(context.app).get(`/reports/${report.ref}?token=${token}`).expect(200);
    assert.ok(!own.text.includes('64601234'), 'nor on their own page');
    const page = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.ok(!page.text.includes('64601234'));
  });
});
