import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';

/**
 * The person someone asked help for is told by email (GDPR art. 14), and may not speak the
 * asker's language: one email in Latvian first, then English and Russian, whoever asked in what.
 */
describe('the notice to the person help was asked for: Latvian, English and Russian in one email', () => {
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  for (const language of ['ru', 'en', 'lv'] as const) {
    it(`says it in all three languages, Latvian first, when the asker wrote in ${language}`, async () => {
      const { ref, id } = await askForHelp(
        context,
        forOtherFields({ phone: '+371 2999 1234', email: 'peteris@example.lv' }),
        language,
      );
      const mail = await context.services
        .knex('outbox')
        .where({ kind: 'help-request-subject', report_id: id })
        .first<{ language: string; subject: string; text_body: string; html_body: string } | undefined>();
      assert.ok(mail, 'the person is told');
      assert.equal(mail.language, 'lv');
      assert.ok(mail.subject.startsWith(`Kāds ir lūdzis sociālo darbinieku jums palīdzēt (${ref})`));
      assert.ok(mail.subject.includes('Someone has asked the social worker to help you'));
      assert.ok(mail.subject.includes('Кто-то попросил социального работника помочь вам'));
      const text = String(mail.text_body);
      const parts = [
        text.indexOf('Pēteris Laizāns lūdza, lai jums palīdz sociālais darbinieks (Kaunatas pagasts)'),
        text.indexOf('Pēteris Laizāns has asked the community social worker of Kaunata parish to help you'),
        text.indexOf('Pēteris Laizāns просит социального работника'),
      ];
      assert.ok(
        parts.every((at) => at >= 0),
        `each language's text is there: ${JSON.stringify(parts)}\n${text}`,
      );
      assert.deepEqual(
        [...parts].sort((a, b) => a - b),
        parts,
        'Latvian, then English, then Russian',
      );
      for (const words of [/Jūsu tiesības/, /Your rights/, /Ваши права/, /Kas par jums ierakstīts/])
        assert.match(text, words);
      // Each part links to the privacy notice in its language.
      for (const lang of ['lv', 'en', 'ru'])
        assert.ok(text.includes(`http://tilts.test/privacy?lang=${lang}`), lang);
      // Each part in HTML says its language; the office's Latvian name says so in the others.
      assert.match(mail.html_body, /<span lang="lv">Kaunatas pagasta sociālais darbinieks<\/span>: /);
      assert.match(mail.html_body, /^<!doctype html>\n<html lang="lv"/);
      assert.match(
        mail.html_body,
        /<div lang="en">[\s\S]*Your rights[\s\S]*<div lang="ru">[\s\S]*Ваши права/,
      );
      // Of the asker, only their name, as before: no address, no phone, never their words.
      for (const body of [text, String(mail.html_body), String(mail.subject)]) {
        assert.ok(!body.includes('peteris@example.lv'), 'not the asker’s email');
        assert.ok(!/2999\s?1234/.test(body), 'not the asker’s phone');
        assert.ok(!body.includes('pie ārsta'), 'not the words the asker wrote');
      }
    });
  }
});
