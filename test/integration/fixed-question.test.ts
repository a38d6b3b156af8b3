import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { routedReport } from '../support/reports.inbound.js';

const DAY = 86_400_000;

describe('"is it fixed?" four weeks after routing', () => {
  let now: Date;
  let context: TestContext;
  let report: Report;
  const questions = () =>
    context.services.knex('outbox').where({ report_id: report.id, kind: 'fixed-question' }).orderBy('id');
  const linkFor = async (answer: 'yes' | 'no' | 'unknown') => {
    const [last] = (await questions()).slice(-1);
    const match = new RegExp(`https?://\\S+/reports/${report.ref}/fixed/[\\w.-]+`, 'g');
    const links = (last.text_body as string).match(match) ?? [];
    const link = links.find((url) => {
      const token = url.split('/').pop()!;
      const read = context.services.links.readFixedQuestion(token, now);
      return read.ok && read.answer === answer;
    });
    assert.ok(link, `the email has a link for ${answer}`);
    return new URL(link).pathname;
  };

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    report = await routedReport(context);
  });

  it('asks nothing before four weeks, then asks once however often the job runs', async () => {
    now = new Date(now.getTime() + 27 * DAY);
    assert.equal(await context.services.fixedQuestions.askDue(), 0);
    now = new Date(now.getTime() + 2 * DAY);
    assert.equal(await context.services.fixedQuestions.askDue(), 1);
    assert.equal(await context.services.fixedQuestions.askDue(), 0);
    now = new Date(now.getTime() + 60 * DAY);
    assert.equal(await context.services.fixedQuestions.askDue(), 0);
    assert.equal((await questions()).length, 1);
  });

  it('a "yes" (GET shows a page, POST answers) resolves the report and tells the parish', async () => {
    now = new Date(now.getTime() + 29 * DAY);
    await context.services.fixedQuestions.askDue();
    const path = await linkFor('yes');
    const page = await request(context.app).get(path).expect(200);
    assert.match(page.text, /data-qa="fixed-form"/);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    await request(context.app).post(path).expect(200);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'resolved');
    const relays = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'report-relay' });
    assert.equal(relays.length, 2);
    const again = await request(context.app).get(path).expect(200);
    assert.match(again.text, /data-qa="fixed-answered"/);
  });

  it('a "no" is a timeline row, and the question comes again four weeks later', async () => {
    now = new Date(now.getTime() + 29 * DAY);
    await context.services.fixedQuestions.askDue();
    await request(context.app)
      .post(await linkFor('no'))
      .expect(200);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    const rows = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, author_kind: 'reporter' })
      .whereNotNull('public_text');
    assert.equal(rows.length, 1);
    now = new Date(now.getTime() + 20 * DAY);
    assert.equal(await context.services.fixedQuestions.askDue(), 0);
    now = new Date(now.getTime() + 9 * DAY);
    assert.equal(await context.services.fixedQuestions.askDue(), 1);
  });

  it('asks nothing about a report that was resolved meanwhile', async () => {
    await context.services.knex('reports').where({ id: report.id }).update({ status: 'resolved' });
    now = new Date(now.getTime() + 29 * DAY);
    assert.equal(await context.services.fixedQuestions.askDue(), 0);
  });

  it('answered after the reporter withdrew the report: a clear page, nothing saved, nothing sent', async () => {
    now = new Date(now.getTime() + 29 * DAY);
    await context.services.fixedQuestions.askDue();
    const path = await linkFor('yes');
    await context.services.reportUpdates.reporterAction(
      report.ref,
      context.services.links.reporterToken(report.ref),
      {
        kind: 'withdraw',
        text: '',
        photos: [],
      },
    );
    const relaysBefore = (
      await context.services.knex('outbox').where({ report_id: report.id, kind: 'report-relay' })
    ).length;
    const shown = await request(context.app).get(`${path}?lang=en`).expect(200);
    assert.match(shown.text, /data-qa="fixed-withdrawn"/);
    assert.doesNotMatch(shown.text, /data-qa="fixed-form"/);
    const answered = await request(context.app).post(`${path}?lang=en`).expect(409);
    assert.match(answered.text, /You withdrew the report/);
    const [question] = await context.services.knex('fixed_questions').where({ report_id: report.id });
    assert.equal(question.answer, null, 'the answer is not saved without its action');
    const report2 = (await context.services.reportRepository.byId(report.id))!;
    assert.equal(report2.status, 'closed');
    assert.equal(
      (await context.services.knex('outbox').where({ report_id: report.id, kind: 'report-relay' })).length,
      relaysBefore,
    );
  });
});
