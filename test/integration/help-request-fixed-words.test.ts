import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeHelpRequest } from '../support/help.js';
import { makeReport } from '../support/reports.js';

const DAY = 86_400_000;

/** "Is it fixed?" four weeks on: the asker of a request for help is asked of their request. */
describe('"is it fixed?" of a request for help: a request, not a problem', () => {
  let now: Date;
  let context: TestContext;
  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
  });

  /** The path of the "yes" link in the question emailed about this report. */
  const yesLink = async (report: Report) => {
    const mail = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'fixed-question' })
      .first<{ subject: string; text_body: string } | undefined>();
    assert.ok(mail, 'the question is emailed');
    const links = mail.text_body.match(new RegExp(`https?://\\S+/reports/${report.ref}/fixed/[\\w.-]+`, 'g'));
    const yes = links?.find((url) => {
      const read = context.services.links.readFixedQuestion(url.split('/').pop()!, now);
      return read.ok && read.answer === 'yes';
    });
    assert.ok(yes);
    return { mail, path: new URL(yes).pathname };
  };

  for (const language of ['lv', 'en'] as const) {
    it(`asks the asker whether their request is resolved, email and pages (${language}); a reporter of the problem`, async () => {
      const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org', language });
      // Its title is Tilts's words, stored in Latvian: the pages say it in the reader's language.
      const { helpTitles } = context.services;
      const title = (lang: 'lv' | 'en') => helpTitles.make({ forWhom: 'self', kinds: ['transport'] }, lang);
      await context.services
        .knex('reports')
        .where({ id: asked.id })
        .update({ title: title('lv') });
      const { report } = await makeReport(context.services, { language });
      now = new Date(now.getTime() + 29 * DAY);
      await context.services.fixedQuestions.askDue();
      const words =
        language === 'lv'
          ? {
              subject: /^Vai jūsu lūgums „/,
              page: 'Vai jūsu lūgums ir atrisināts?',
              view: 'Skatīt savu lūgumu',
              note: 'Lūdzējs apstiprina: lūgums ir atrisināts.',
              problemNote: 'Iedzīvotājs apstiprina: problēma ir novērsta.',
            }
          : {
              subject: /^Has your request “/,
              page: 'Has your request been resolved?',
              view: 'View your request',
              note: 'The one who asked confirms: the request is resolved.',
              problemNote: 'The resident confirms: the problem is fixed.',
            };
      const help = await yesLink(asked);
      assert.match(help.mail.subject, words.subject);
      const page = await request(context.app).get(`${help.path}?lang=${language}`).expect(200);
      assert.ok(page.text.includes(`<h1>${words.page}</h1>`), page.text);
      assert.ok(page.text.includes(title(language)), 'its title in the reader’s language');
      const done = await request(context.app).post(`${help.path}?lang=${language}`).expect(200);
      assert.ok(done.text.includes(words.view));

      const problem = await yesLink(report);
      assert.doesNotMatch(problem.mail.subject, words.subject);
      const theirs = await request(context.app).get(`${problem.path}?lang=${language}`).expect(200);
      assert.ok(!theirs.text.includes(words.page));
      const answered = await request(context.app).post(`${problem.path}?lang=${language}`).expect(200);
      assert.ok(!answered.text.includes(words.view));
      // The answer is written into each history in its asker's or reporter's language and words.
      const noteOf = async (id: number) =>
        (
          await context.services
            .knex('report_updates')
            .where({ report_id: id, author_kind: 'reporter' })
            .orderBy('id', 'desc')
            .first<{ public_text: string }>('public_text')
        ).public_text;
      assert.equal(await noteOf(asked.id), words.note);
      assert.equal(await noteOf(report.id), words.problemNote);
    });
  }
});
