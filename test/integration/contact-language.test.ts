import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, postClerkReply, routedReport } from '../support/reports.inbound.js';

/**
 * (Each template's words in each language are the mail renderer's tests'.) The language an admin chose for a contact (Contacts → Language: "the language of the emails
 * this contact gets") is the language of every email to that contact; the others stay Latvian.
 */
describe('emails to a parish contact in the language chosen for it', () => {
  let context: TestContext;
  const mails = (kind: string, to: string) =>
    context.services.knex('outbox').where({ kind, to_email: to }).orderBy('id') as Promise<
      { language: string }[]
    >;

  beforeEach(async () => {
    context = await makeApp();
    await context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ language: 'ru' });
  });

  it('routes a new report, relays the resident’s word and answers a refused status word in Russian', async () => {
    const report = await routedReport(context);
    const [routed] = await mails('report-new', CLERK);
    assert.equal(routed!.language, 'ru');
    const social = (await context.services.knex('contacts').where({ code: 'kaunatas-social' }).first()) as {
      email: string;
    };
    assert.equal((await mails('report-new', social.email))[0]!.language, 'lv', 'the others stay Latvian');

    const { services } = context;
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'comment',
      text: 'Bedre kļūst lielāka.',
      photos: [],
    });
    assert.equal((await mails('report-relay', CLERK))[0]!.language, 'ru');

    await context.services.knex('reports').where({ id: report.id }).update({ status: 'closed' });
    const { outcome } = await postClerkReply(context, report, '#procesā Jā.');
    const [refused] = await mails('status-word-refused', CLERK);
    assert.ok(refused, `a refusal is sent (the reply's outcome: ${outcome})`);
    assert.equal(refused.language, 'ru');
  });

  it('tells the clerk in Russian that a reply to a withdrawn report was kept for staff', async () => {
    const { services } = context;
    const report = await routedReport(context);
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    const { outcome } = await postClerkReply(context, report, 'Bedri aizbērsim.');
    const settled = await services.knex('inbound_messages').orderBy('id', 'desc').first('outcome', 'detail');
    const [answer] = await mails('reply-withdrawn', CLERK);
    assert.ok(answer, `an answer is sent (the reply: ${outcome}, settled ${JSON.stringify(settled)})`);
    assert.equal(answer.language, 'ru');
  });

  it('answers an unknown status word and a reply to a report closed long ago in Russian', async () => {
    const report = await routedReport(context);
    await postClerkReply(context, report, '#gatavs Bedre aizbērta.');
    const [help] = await mails('status-words-help', CLERK);
    assert.equal(help!.language, 'ru');

    await postClerkReply(context, report, '#atrisināts Bedre aizbērta.');
    await context.services
      .knex('report_updates')
      .where({ report_id: report.id, to_status: 'resolved' })
      .update({ created_at: new Date(Date.now() - 61 * 24 * 3600 * 1000) });
    await postClerkReply(context, report, '#procesā Atkal bedre.');
    const [expired] = await mails('reply-expired', CLERK);
    assert.equal(expired!.language, 'ru');
  });
});
