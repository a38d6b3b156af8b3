import assert from 'node:assert/strict';
import request from 'supertest';
import type { Language } from '../../src/i18n/index.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeHelpRequest } from '../support/help.js';
import { routedReport } from '../support/reports.inbound.js';
import { addStaff, KAUNATA_WORKER, postForm, signIn } from '../support/staff.js';

const DAY = 86_400_000;
const LANGUAGES = ['lv', 'en', 'ru'] as const;

/** What the email and the answer page say of who is told, of a report staff made private. */
const OFFICE: Record<Language, { hint: string; no: string; yes: string }> = {
  lv: {
    hint: 'Katra atbilde atver lapu, kurā to apstiprināt. Ja problēma nav novērsta, par to uzzinās pagasta vai pilsētas pārvalde, kurai ziņojums tika nosūtīts, un sociālais darbinieks.',
    no: 'Paldies! Pagasta vai pilsētas pārvalde, kurai ziņojums tika nosūtīts, un sociālais darbinieks saņems ziņu, ka problēma vēl nav novērsta.',
    yes: 'Paldies! Ziņojums atzīmēts kā atrisināts, un pagasta vai pilsētas pārvalde, kurai tas tika nosūtīts, un sociālais darbinieks par to saņems ziņu.',
  },
  en: {
    hint: 'Each answer opens a page where you confirm it. If the problem is not fixed, the parish or town administration the report was sent to and the social worker will be told.',
    no: 'Thank you! The parish or town administration the report was sent to and the social worker will be told that the problem is not fixed yet.',
    yes: 'Thank you! The report is marked as resolved, and the parish or town administration it was sent to and the social worker will be told.',
  },
  ru: {
    hint: 'Каждый ответ открывает страницу, где его нужно подтвердить. Если проблема не решена, об этом узнают управление волости или администрация города, куда было отправлено сообщение, и социальный работник.',
    no: 'Спасибо! Управление волости или администрация города, куда было отправлено сообщение, и социальный работник получат известие, что проблема ещё не устранена.',
    yes: 'Спасибо! Сообщение отмечено как решённое, и управление волости или администрация города, куда оно было отправлено, и социальный работник получат об этом известие.',
  },
};

/**
 * "Is it fixed?" of a report staff made private: it keeps the parish administration among its
 * recipients, who hear the answer too, so neither the email nor the page after the answer says
 * the social worker alone is told (nor speaks of "a request"). A request for help still names the
 * social worker.
 */
describe('"is it fixed?" of a report staff made private: who is told', () => {
  let now: Date;
  let context: TestContext;
  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
  });

  const flat = (text: string) => text.replace(/\s+/g, ' ');
  const questionOf = (report: Report) =>
    context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'fixed-question' })
      .first<{ text_body: string; html_body: string }>();
  const linkOf = (report: Report, text: string, answer: 'yes' | 'no') => {
    const links = text.match(new RegExp(`https?://\\S+/reports/${report.ref}/fixed/[\\w.-]+`, 'g')) ?? [];
    const link = links.find((url) => {
      const read = context.services.links.readFixedQuestion(url.split('/').pop()!, now);
      return read.ok && read.answer === answer;
    });
    assert.ok(link, `a link for ${answer}`);
    return new URL(link).pathname;
  };
  const doneOf = (html: string) => /data-qa="fixed-done">([^<]*)</.exec(html)?.[1] ?? '';

  it('names the administration it was sent to and the social worker, in the email and on the page, in each language', async () => {
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const reports = new Map<Language, Report>();
    for (const language of LANGUAGES) {
      const report = await routedReport(context, { language, title: `Bedre ${language}` });
      await postForm(worker, `/staff/reports/${report.ref}/privacy`, { make: 'private' }).expect(303);
      reports.set(language, report);
    }
    now = new Date(now.getTime() + 29 * DAY);
    assert.equal(await context.services.fixedQuestions.askDue(), 3);
    for (const language of LANGUAGES) {
      const report = reports.get(language)!;
      const mail = await questionOf(report);
      assert.ok(flat(mail.text_body).includes(OFFICE[language].hint), `${language} text: ${mail.text_body}`);
      assert.ok(flat(mail.html_body).includes(OFFICE[language].hint), `${language} html`);
      assert.doesNotMatch(
        mail.text_body,
        /If it is not resolved|Ja jautājums nav atrisināts|Если вопрос не решён/,
      );
      const no = linkOf(report, mail.text_body, language === 'lv' ? 'no' : 'yes');
      for (const lang of LANGUAGES) {
        const done = await request(context.app).post(`${no}?lang=${lang}`).expect(200);
        assert.equal(
          doneOf(done.text),
          OFFICE[lang][language === 'lv' ? 'no' : 'yes'],
          `${language}/${lang}`,
        );
      }
    }
  });

  it('still tells the asker of a request for help that the social worker is told', async () => {
    const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org', language: 'en' });
    now = new Date(now.getTime() + 29 * DAY);
    await context.services.fixedQuestions.askDue();
    const mail = await questionOf(asked);
    assert.ok(
      flat(mail.text_body).includes(
        'Each answer opens a page where you confirm it. If it is not resolved, the social worker will be told.',
      ),
    );
    const done = await request(context.app)
      .post(`${linkOf(asked, mail.text_body, 'no')}?lang=en`)
      .expect(200);
    assert.equal(doneOf(done.text), 'Thank you! The social worker will be told that it is not resolved yet.');
  });
});
