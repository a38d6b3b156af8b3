import assert from 'node:assert/strict';
import { createI18n, type Language } from '../../../src/i18n/index.js';
import { EmailRenderer } from '../../../src/mail/renderer.js';
import { emailData } from './email-fixtures.js';

// What a problem report is called in each language, and what a request for help is.
const REPORT: Record<Language, RegExp> = { lv: /ziņoj/i, en: /\breport/i, ru: /сообщени|сообщил/i };
const REQUEST: Record<Language, RegExp> = { lv: /lūgum/i, en: /\brequest/i, ru: /просьб/i };
const LANGUAGES = ['lv', 'en', 'ru'] as const;

describe('the words of a request for help’s emails: a request, never a report', () => {
  let renderer: EmailRenderer;
  let tagline: (language: Language) => string;
  before(async () => {
    const i18n = await createI18n();
    renderer = new EmailRenderer({ i18n, publicUrl: 'http://tilts.test' });
    tagline = (language) => i18n.t('site.tagline', { lng: language });
  });

  const help = { isHelp: true, isPrivate: true, title: 'Lūgums pēc palīdzības: Transports' };
  // What the email says of it: its links (`/reports/…`) are addresses, the site's motto is the site's.
  const words = (email: { subject: string; text: string; html: string }, language: Language) =>
    `${email.subject}\n${email.text}\n${email.html}`
      .replace(/href="[^"]*"|https?:\/\/\S+/g, '')
      .replaceAll(tagline(language), '');

  for (const language of LANGUAGES) {
    it(`tells the asker of a staff answer about their request, in ${language}; a reporter still of a report`, () => {
      const data = emailData['report-update'];
      const asker = renderer.render('report-update', language, {
        ...data,
        report: { ...data.report, ...help },
        update: { ...data.update, authorLabelKey: 'mail.author.socialWorker', authorName: null },
      });
      assert.doesNotMatch(words(asker, language), REPORT[language], words(asker, language));
      assert.match(asker.text, REQUEST[language]);
      const reporter = renderer.render('report-update', language, data);
      assert.match(reporter.text, REPORT[language], reporter.text);
      assert.doesNotMatch(words(reporter, language), REQUEST[language]);
    });

    it(`tells the social worker of the asker’s news, and asks the asker if it is resolved, of a request (${language})`, () => {
      for (const template of ['report-relay', 'fixed-question'] as const) {
        const data = emailData[template];
        for (const withdrawn of template === 'report-relay' ? [false, true] : [false]) {
          const asker = renderer.render(template, language, {
            ...data,
            report: { ...data.report, ...help, withdrawn },
          });
          assert.doesNotMatch(
            words(asker, language),
            REPORT[language],
            `${template}: ${words(asker, language)}`,
          );
          assert.match(asker.text, REQUEST[language], template);
        }
        const reporter = renderer.render(template, language, data);
        assert.match(words(reporter, language), REPORT[language], template);
      }
    });

    it(`tells the social worker of a new request for help, its asker and its answer in ${language}`, () => {
      const data = emailData['report-new'];
      const worker = renderer.render('report-new', language, {
        ...data,
        report: { ...data.report, ...help },
        reportUrl: null,
        helpDeskUrl: 'http://tilts.test/staff/help/requests/RZN-2026-00042',
      });
      assert.doesNotMatch(words(worker, language), REPORT[language], words(worker, language));
      assert.match(worker.text, REQUEST[language]);
      const parish = renderer.render('report-new', language, data);
      assert.match(parish.text, REPORT[language]);
    });
  }
});
