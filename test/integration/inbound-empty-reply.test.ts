import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { allowOutbox, refuseOutbox } from '../support/refused-outbox.js';
import { CLERK, postClerkReply, routedReport } from '../support/reports.inbound.js';

/**
 * A reply by email with nothing of its own above the quote (sent by mistake, or a signature
 * alone): nothing goes on the report's timeline, and its sender is told so and how to answer.
 */
describe('an empty or signature-only reply by email', () => {
  let context: TestContext;
  let report: Report;
  let now: Date;
  const updates = () =>
    context.services.knex('report_updates').where({ report_id: report.id, channel: 'email' });
  const told = (): Promise<{ to_email: string; language: string; subject: string; text_body: string }[]> =>
    context.services.knex('outbox').where({ report_id: report.id, kind: 'reply-empty' }).orderBy('id');
  const SIGNATURE = ['--', 'Anna Bērziņa', 'Kaunatas pagasta pārvalde', 'Tālr. 64600000'].join('\r\n');

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    report = await routedReport(context);
  });

  it('puts nothing on the timeline and tells the clerk, in her language, to write above the quote', async () => {
    await context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ language: 'en' });
    const res = await postClerkReply(context, report, SIGNATURE);
    assert.equal(res.outcome, 'applied');
    assert.equal((await updates()).length, 0, 'no empty line on the timeline');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    const [mail, ...more] = await told();
    assert.equal(more.length, 0);
    assert.equal(mail!.to_email, CLERK);
    assert.equal(mail!.language, 'en');
    assert.match(mail!.subject, /your reply had no text/);
    assert.match(mail!.text_body, /no words of yours above the quoted message/);
    assert.match(mail!.text_body, /one-click links/);
    assert.match(mail!.text_body, /as a contact for reports about your area/, 'staff read the staff footer');
    assert.doesNotMatch(mail!.text_body, /janis@example\.org|20000000/);
    const [settled] = await context.services.knex('inbound_messages').select('outcome', 'detail');
    assert.deepEqual(settled, { outcome: 'applied', detail: 'empty; answered' });
  });

  it('tells a sender once in ten minutes, in Latvian unless her contact reads another language; a lone status word still counts', async () => {
    await postClerkReply(context, report, '');
    await postClerkReply(context, report, SIGNATURE);
    assert.equal((await told()).length, 1);
    now = new Date(now.getTime() + 11 * 60 * 1000);
    await postClerkReply(context, report, '');
    const sent = await told();
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.language, 'lv');
    assert.match(sent[1]!.text_body, /virs citētās vēstules tajā nebija jūsu teksta/);
    assert.equal((await updates()).length, 0);
    // A status word alone is still an answer.
    assert.equal((await postClerkReply(context, report, '#procesā')).outcome, 'applied');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
    assert.equal((await updates()).length, 1);
  });

  it('still tells the sender when the message is tried again after its first try failed', async () => {
    const { knex } = context.services;
    // The notice's transaction fails once (the database refuses it), as any failure there would.
    await refuseOutbox(knex, 'reply-empty');
    assert.equal((await postClerkReply(context, report, SIGNATURE)).outcome, 'failed');
    assert.equal((await told()).length, 0);
    await allowOutbox(knex);
    await knex('inbound_messages').update({ next_attempt_at: new Date(now.getTime() - 1000) });
    assert.equal(await context.services.inbound.retryDue(), 1);
    const [mail, ...more] = await told();
    assert.equal(more.length, 0);
    assert.equal(mail!.to_email, CLERK);
    const [settled] = await knex('inbound_messages').select('outcome', 'detail');
    assert.deepEqual(settled, { outcome: 'applied', detail: 'empty; answered' });
  });
});
