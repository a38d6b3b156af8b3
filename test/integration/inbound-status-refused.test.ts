import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { moveReport } from '../support/reports.js';
import { CLERK, postClerkReply, routedReport } from '../support/reports.inbound.js';

describe('a parish’s reply the report’s status cannot follow, or with nothing to say', () => {
  let context: TestContext;
  let report: Report;
  const post = (text: string) => postClerkReply(context, report, text);
  const mails = (kind: string) =>
    context.services.knex('outbox').where({ report_id: report.id, kind }).orderBy('id') as Promise<
      { to_email: string; subject: string; text_body: string; language: string }[]
    >;
  const emailUpdates = () =>
    context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' })
      .orderBy('id') as Promise<
      { is_public: boolean; public_text: string | null; to_status: string | null }[]
    >;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('publishes the words of a closed report’s “#procesā”, keeps the status, and tells the sender why', async () => {
    await moveReport(context.services, report, 'closed');
    assert.equal((await post('#procesā Sākam darbus.')).outcome, 'applied');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'closed');
    const update = (await emailUpdates()).at(-1);
    assert.deepEqual(
      { ...update },
      { ...update, is_public: true, public_text: 'Sākam darbus.', to_status: null },
    );
    const [answer, ...more] = await mails('status-word-refused');
    assert.equal(more.length, 0);
    assert.equal(answer!.to_email, CLERK);
    assert.equal(answer!.language, 'lv');
    assert.match(answer!.subject, new RegExp(`${report.ref}: statuss netika mainīts`));
    assert.match(answer!.text_body, /statuss paliek „Slēgts”: ar atbildi to nevar mainīt uz „Procesā”/);
    assert.match(answer!.text_body, new RegExp(`/staff/reports/${report.ref}`));
  });

  it('tells nobody anything about a word the status allows, or the status it already has', async () => {
    assert.equal((await post('#procesā Sākam darbus.')).outcome, 'applied');
    assert.equal((await post('#procesā Turpinām.')).outcome, 'applied');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
    assert.equal((await mails('status-word-refused')).length, 0);
  });

  it('publishes nothing for a reply with no words of its own (a signature alone, or a word the status already has)', async () => {
    await moveReport(context.services, report, 'resolved');
    const before = (await emailUpdates()).length;
    assert.equal((await post('Ar cieņu,\nPēteris Dricānietis\ntālr. 64600009')).outcome, 'applied');
    assert.equal((await post('#atrisināts')).outcome, 'applied');
    const updates = (await emailUpdates()).slice(before);
    // The signature alone is no timeline entry (its message stays in the workspace's inbound
    // list, and its sender is told: inbound-empty-reply.test.ts); the lone word is kept for staff.
    assert.equal(updates.length, 1, 'the status word kept for staff');
    assert.deepEqual(
      updates.map((update) => update.is_public),
      [false],
      'not on the public page',
    );
    const kept = await context.services
      .knex('inbound_messages')
      .where({ report_id: report.id })
      .orderBy('id');
    assert.equal(kept.length, 2, 'both messages kept for staff');
    const page = (await request(context.app).get(`/reports/${report.ref}`).expect(200)).text;
    assert.doesNotMatch(page, /Dricānietis|64600009/);
    assert.equal((await mails('report-update')).length, 0, 'nobody is emailed about nothing');
  });

  it('closes as a duplicate only of another report it may point to, and else says what was missing', async () => {
    const privateElsewhere = await routedReport(context, {
      parishCode: 'nautrenu',
      categoryCode: 'elderly-help',
    });
    for (const [text, given] of [
      ['#slēgts dublikāts Par to jau ziņots.', null],
      ['#slēgts dublikāts RZN-2026-99999 Par to jau ziņots.', 'RZN-2026-99999'],
      [`#slēgts dublikāts ${report.ref} Par to jau ziņots.`, report.ref],
      [`#slēgts dublikāts ${privateElsewhere.ref} Par to jau ziņots.`, privateElsewhere.ref],
    ] as const) {
      assert.equal((await post(text)).outcome, 'applied', text);
      assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open', text);
      assert.equal((await emailUpdates()).at(-1)!.public_text, 'Par to jau ziņots.', text);
      const answer = (await mails('duplicate-refused')).at(-1)!;
      assert.equal(answer.to_email, CLERK);
      assert.match(answer.text_body, /statuss paliek „Atvērts”/, text);
      assert.match(
        answer.text_body,
        given ? new RegExp(`${given} nav cits ziņojums`) : /nav ziņojuma numura/,
        text,
      );
    }
    assert.equal((await mails('duplicate-refused')).length, 4);

    const earlier = await routedReport(context);
    await post(`#slēgts dublikāts ${earlier.ref} Par to jau ziņots.`);
    const closed = (await context.services.reportRepository.byId(report.id))!;
    assert.deepEqual([closed.status, closed.closeReason], ['closed', 'duplicate']);
    assert.equal((await mails('duplicate-refused')).length, 4);
  });
});
