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
      // Whom to write to: by its Latvian name, and in the other parts by its role in their words.
      const worker = 'Kaunatas pagasta sociālais darbinieks';
      for (const line of [
        `${worker}: kaunatas.socialais@example.org`,
        `the community social worker (${worker}): kaunatas.socialais@example.org`,
        `социальный работник общины (${worker}): kaunatas.socialais@example.org`,
      ])
        assert.ok(text.split('\n').includes(line), `${line}\n${text}`);
      assert.match(
        mail.html_body,
        /<li>the community social worker \(<span lang="lv">Kaunatas pagasta sociālais darbinieks<\/span>\): /,
      );
      assert.match(
        mail.html_body,
        /<li>социальный работник общины \(<span lang="lv">Kaunatas pagasta sociālais darbinieks<\/span>\): /,
      );
      assert.match(mail.html_body, /<li>Kaunatas pagasta sociālais darbinieks: /);
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

  /** The notice's text, in one of its three parts (each part runs up to the next part's first line). */
  async function notice(fields: Record<string, string | string[]>) {
    const { id } = await askForHelp(context, forOtherFields(fields), 'en');
    const mail = await context.services
      .knex('outbox')
      .where({ kind: 'help-request-subject', report_id: id })
      .first<{ text_body: string; html_body: string }>();
    return mail;
  }

  it('says the address was recorded when one was given, and what a volunteer gets once the asker agrees', async () => {
    const mail = await notice({ location: 'Kaunata, Ezera iela 3', subject_phone: '29 555 111' });
    for (const body of [mail.text_body, mail.html_body]) {
      assert.match(body, /kur jūs dzīvojat: norādītais ciems vai adrese \(Kaunatas pagasts\)/);
      assert.match(body, /where you live: the village or address given \(Kaunata parish\)/);
      assert.match(body, /где вы живёте: указанные деревня или адрес/);
      assert.doesNotMatch(body, /where you live: Kaunata parish/);
      // Never "only the social worker": a volunteer gets these once Pēteris agrees.
      assert.doesNotMatch(body, /Only the community social worker|To redz tikai|Это видят только/);
      assert.match(
        body,
        /If the social worker proposes a volunteer and Pēteris Laizāns agrees, the volunteer receives your name, your phone number, your email address, and the village or address given, to arrange the help\./,
      );
      assert.match(
        body,
        /brīvprātīgais saņems jūsu vārdu, jūsu tālruņa numuru, jūsu e-pasta adresi un norādīto ciemu vai adresi/,
      );
      assert.match(
        body,
        /волонтёр получит ваше имя, ваш номер телефона, ваш адрес электронной почты и указанные деревню или адрес/,
      );
      // The address itself is not written into an email sent to an address someone else typed.
      assert.doesNotMatch(body, /Ezera iela/);
    }
  });

  it('says only the place goes to a volunteer when the asker said the person does not know, and the parish when no place was given', async () => {
    const unaware = await notice({ subject_knows: 'no' });
    assert.match(
      unaware.text_body,
      /the volunteer receives the village or address given, to arrange the help\./,
    );
    assert.doesNotMatch(unaware.text_body, /volunteer receives your name/);
    const nowhere = await notice({ subject_knows: 'unsure', location: '', email: 'peteris2@example.lv' });
    assert.match(nowhere.text_body, /where you live: Kaunata parish/);
    assert.match(
      nowhere.text_body,
      /the volunteer receives only the contact of the one who asked, not your details\./,
    );
  });

  it('says when and in which language help suits them, and that whether they know was recorded, as both are', async () => {
    const mail = await notice({ days: ['tue', 'sat'], times: 'no rīta', speaks: ['ltg'] });
    for (const body of [mail.text_body, mail.html_body]) {
      assert.match(body, /whether you know about this request and agree, as the person who asked answered/);
      assert.match(body, /vai jūs zināt par šo lūgumu un tam piekrītat, kā atbildēja lūdzējs/);
      assert.match(body, /знаете ли вы об этой просьбе и согласны ли с ней/);
      assert.match(body, /when and in which language help would suit you/);
      assert.match(body, /kad un kādā valodā jums būtu ērti saņemt palīdzību/);
      assert.match(body, /когда и на каком языке вам удобно получать помощь/);
    }
    // Nothing of when or which language was given: nothing of it is said to be recorded.
    const bare = await notice({ email: 'peteris3@example.lv', days: [], times: '', speaks: [] });
    assert.doesNotMatch(bare.text_body, /when and in which language help would suit you/);
    assert.match(bare.text_body, /whether you know about this request and agree/);
  });
});
