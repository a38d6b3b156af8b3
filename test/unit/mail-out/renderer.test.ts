import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGUAGES, createI18n } from '../../../src/i18n/index.js';
import { ERASED_TITLE } from '../../../src/mail/erasure.js';
import { EmailRenderer, inEveryLanguage } from '../../../src/mail/renderer.js';
import { EMAIL_TEMPLATES } from '../../../src/mail/templates.js';
import { projectPath } from '../../../src/paths.js';
import { emailData, report, templates } from './email-fixtures.js';

// A catalog key that was not found comes back from i18next as the key itself.
const UNTRANSLATED = /\b(mail|status|fixedQuestion)\.[\w-]+\.?[\w.-]*\b/;

describe('the email renderer', () => {
  let renderer: EmailRenderer;
  before(async () => {
    renderer = new EmailRenderer({ i18n: await createI18n(), publicUrl: 'http://tilts.test' });
  });

  it('has test data for every template the services send', () => {
    assert.deepEqual([...templates].sort(), [...EMAIL_TEMPLATES].sort());
  });

  for (const template of EMAIL_TEMPLATES) {
    it(`renders ${template} in lv, en and ru with every text translated`, () => {
      for (const language of LANGUAGES) {
        const email = renderer.render(template, language, emailData[template]);
        assert.ok(email.subject.length > 5, `${template}/${language}: ${email.subject}`);
        assert.doesNotMatch(email.subject, UNTRANSLATED);
        assert.doesNotMatch(email.text, UNTRANSLATED, `${template}/${language}\n${email.text}`);
        assert.doesNotMatch(email.html.replace(/href="[^"]*"/g, ''), UNTRANSLATED, `${template}/${language}`);
        assert.doesNotMatch(
          email.text,
          /\$t\(|\{\{|undefined|null|\[object/,
          `${template}/${language}\n${email.text}`,
        );
        assert.doesNotMatch(email.html, /\$t\(|\{\{|undefined|\[object/, `${template}/${language}`);
        // A sentence ending with a date ("… 2026 г.") once took a second full stop.
        assert.doesNotMatch(`${email.text}\n${email.html}`, /[^.]\.\.(?!\.)/, `${template}/${language}`);
        // An email in every language is Latvian first, whatever language it was queued in.
        const htmlLanguage = inEveryLanguage(template) ? 'lv' : language;
        assert.match(email.html, new RegExp(`^<!doctype html>\\n<html lang="${htmlLanguage}"`));
      }
    });
  }

  it('tells staff of a withdrawn report that nothing is left to answer, with no one-click link, in every language', () => {
    const relay = emailData['report-relay'];
    const data = {
      ...relay,
      report: {
        ...relay.report,
        status: 'closed' as const,
        closeReason: 'withdrawn' as const,
        withdrawn: true,
      },
    };
    for (const language of LANGUAGES) {
      const email = renderer.render('report-relay', language, data);
      assert.doesNotMatch(`${email.text}\n${email.html}`, UNTRANSLATED, language);
      assert.doesNotMatch(`${email.text}\n${email.html}`, /\/actions\//, language);
      assert.doesNotMatch(email.text, /#(?!map=)/, `${language}: no status words to answer with`);
    }
    assert.match(renderer.render('report-relay', 'ru', data).text, /^Житель отозвал это сообщение/);
    assert.match(renderer.render('report-relay', 'en', data).text, /Status: Closed \(Withdrawn\)/);
  });

  it('says an erased request’s title in the reader’s language, never the stored marker', () => {
    const relay = emailData['report-relay'];
    const data = { ...relay, report: { ...relay.report, title: ERASED_TITLE } };
    for (const [language, word] of [
      ['lv', '[dzēsts]'],
      ['en', '[erased]'],
      ['ru', '[удалено]'],
    ] as const) {
      const email = renderer.render('report-relay', language, data);
      for (const part of [email.subject, email.text, email.html]) assert.ok(part.includes(word), language);
      if (language !== 'en') assert.doesNotMatch(`${email.subject}${email.text}${email.html}`, /\[erased\]/);
    }
  });

  it('names the one who asked for someone without saying whether that person is a man or a woman', () => {
    const contacts = emailData['help-contacts'];
    const forAnna = {
      ...contacts,
      other: { ...contacts.other, name: 'Anna Liepa' },
      askedBy: { name: 'John Brown', email: 'john@example.org', phone: null },
    };
    const ru = renderer.render('help-contacts', 'ru', forAnna);
    assert.match(ru.text, /^Попросил\(а\) за этого человека: John Brown$/m);
    const unaware = renderer.render('help-contacts', 'ru', { ...contacts, personUnaware: true }).text;
    for (const text of [ru.text, unaware]) assert.doesNotMatch(text, /(?<!\p{L})(него|ним|он)(?!\p{L})/u);
    assert.match(renderer.render('help-contacts', 'en', forAnna).text, /^Asked for them by: John Brown$/m);
    assert.match(renderer.render('help-contacts', 'lv', forAnna).text, /^Lūdza: John Brown$/m);
  });

  it('marks the volunteer’s own words with their language where the reader’s differs', () => {
    const en = renderer.render('help-consent', 'en', emailData['help-consent']);
    assert.match(en.html, /<blockquote style="[^"]*" lang="lv">Braucu uz Rēzekni sestdienās\.<\/blockquote>/);
    const lv = renderer.render('help-consent', 'lv', emailData['help-consent']);
    assert.match(lv.html, /<blockquote style="[^"]*">Braucu uz Rēzekni sestdienās\.<\/blockquote>/);
  });

  it('marks the words of an alert with their language where the reader’s differs, as an update email does', () => {
    const inLatvian = {
      'alert-update': { ...emailData['alert-update'], text: 'Izdarīts.', textLanguage: 'lv' as const },
      'alert-report': {
        ...emailData['alert-report'],
        description: 'Izdarīts.',
        report: { ...emailData['alert-report'].report, language: 'lv' as const },
      },
      'alert-digest': {
        ...emailData['alert-digest'],
        updates: emailData['alert-digest'].updates.map((u) => ({
          ...u,
          text: 'Izdarīts.',
          textLanguage: 'lv' as const,
        })),
      },
    };
    // The update email's mark and quote, word for word: one partial makes both.
    const update = renderer.render('report-update', 'en', {
      ...emailData['report-update'],
      update: { ...emailData['report-update'].update, text: 'Izdarīts.', language: 'lv' as const },
    });
    const marked = /<p [^>]*>In Latvian:<\/p>\s*<div [^>]*>Izdarīts\.<\/div>/.exec(update.html)?.[0];
    assert.ok(marked, update.html);
    for (const [template, data] of Object.entries(inLatvian)) {
      const en = renderer.render(template, 'en', data);
      assert.match(en.text, /^ *\(In Latvian\)\n *Izdarīts\.$/m, `${template} text`);
      assert.ok(
        en.html.includes(marked),
        `${template} HTML marks the words as an update email does\n${en.html}`,
      );
      const ru = renderer.render(template, 'ru', data);
      assert.match(ru.text, /\(На латышском языке\)/, `${template} in Russian`);
      const lv = renderer.render(template, 'lv', data);
      assert.doesNotMatch(lv.text, /\(Latviešu valodā\)/, `${template}: no mark for a reader of Latvian`);
    }
  });

  it('renders the subject, text and HTML in the recipient’s language', () => {
    const lv = renderer.render('report-confirm', 'lv', emailData['report-confirm']);
    assert.equal(lv.subject, 'Apstipriniet savu ziņojumu „Bedre ceļā pie skolas”');
    assert.match(lv.text, /^Labdien!\n/);
    assert.match(lv.text, /Saite ir derīga līdz 2026\. gada 30\. novembrim\./);
    const ru = renderer.render('report-confirm', 'ru', emailData['report-confirm']);
    assert.match(ru.subject, /^Подтвердите своё сообщение «/);
    assert.match(ru.text, /Ссылка действительна до 30 ноября 2026\.$/m);
    const en = renderer.render('report-confirm', 'en', emailData['report-confirm']);
    assert.match(en.text, /The link is valid until 30 November 2026\./);
    assert.match(en.html, /<title>Confirm your report “Bedre ceļā pie skolas”<\/title>/);
  });

  it('says until when a link works as each language puts a date after "until": the Latvian month in the dative', () => {
    const expected = {
      lv: 'Saite ir derīga līdz 2026. gada 30. novembrim.',
      en: 'The link is valid until 30 November 2026.',
      ru: 'Ссылка действительна до 30 ноября 2026.',
    };
    for (const template of [
      'report-confirm',
      'alert-confirm',
      'help-offer-confirm',
      'help-offer-email',
    ] as const) {
      for (const language of LANGUAGES) {
        const data = { ...emailData[template], expiresAt: new Date('2026-11-30T10:00:00Z') };
        const email = renderer.render(template, language, data);
        assert.ok(email.text.includes(expected[language]), `${template}/${language}\n${email.text}`);
        assert.ok(email.html.includes(expected[language]), `${template}/${language}`);
      }
    }
  });

  it('escapes the caller’s data in HTML and leaves it as typed in the text', () => {
    const data = {
      ...emailData['report-confirm'],
      report: { ...report, title: 'Bedre <b>ceļā</b> & grāvis', description: '<script>alert(1)</script>' },
      confirmUrl: 'http://tilts.test/reports/confirm/abc?x=1&y=2',
    };
    const email = renderer.render('report-confirm', 'en', data);
    assert.match(email.html, /Bedre &lt;b&gt;ceļā&lt;\/b&gt; &amp; grāvis/);
    assert.match(email.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(email.html, /<b>ceļā|<script>/);
    assert.match(email.html, /href="http:\/\/tilts\.test\/reports\/confirm\/abc\?x=1&amp;y=2"/);
    // The text part, partials included, shows exactly what was typed.
    assert.match(email.text, /“Bedre <b>ceļā<\/b> & grāvis”/);
    assert.match(email.text, /^<script>alert\(1\)<\/script>$/m);
    assert.match(email.text, /^http:\/\/tilts\.test\/reports\/confirm\/abc\?x=1&y=2$/m);
  });

  it('wraps every email in the layout: site name, the reason in the footer, a signature separator', () => {
    const email = renderer.render('report-confirm', 'en', emailData['report-confirm']);
    assert.match(email.html, />Tilts<\/a>/);
    assert.match(email.html, /You receive this email because this address was entered in a report form/);
    assert.match(email.text, /\n-- \nTilts — Rēzekne Municipality\nhttp:\/\/tilts\.test\/\?lang=en\n/);
    assert.doesNotMatch(email.text, /\n{3,}/);
    const staff = renderer.render('report-new', 'lv', emailData['report-new']);
    assert.match(staff.text, /Jūs saņemat šo e-pastu, jo jūsu adrese portālā Tilts ir norādīta kā kontakts/);
  });

  it('shows an unsubscribe link in the footer when the data has one', () => {
    const email = renderer.render('report-update', 'lv', emailData['report-update']);
    assert.match(email.text, /Atteikties no šiem e-pastiem: http:\/\/tilts\.test\/unsubscribe\/s1\/sig/);
    assert.match(
      email.html,
      /<a href="http:\/\/tilts\.test\/unsubscribe\/s1\/sig"[^>]*>Atteikties no šiem e-pastiem<\/a>/,
    );
    const without = renderer.render('report-confirm', 'lv', emailData['report-confirm']);
    assert.doesNotMatch(without.text, /Atteikties/);
  });

  it('never lets a line break from the data into the subject', () => {
    const email = renderer.render('report-confirm', 'en', {
      ...emailData['report-confirm'],
      report: { ...report, title: 'Pothole\r\nBcc: everyone@example.lv' },
    });
    // One line; the address is hidden too, as in every email to an address still to be proven.
    assert.equal(email.subject, 'Confirm your report “Pothole Bcc: [hidden]”');
  });

  it('gives parish staff every detail, the photos, the reporter’s contact, the status words and one-click links', () => {
    const email = renderer.render('report-new', 'lv', emailData['report-new']);
    assert.equal(email.subject, 'RZN-2026-00042: Bedre ceļā pie skolas (Kaunatas pagasts)');
    for (const expected of [
      'Kategorija: Ceļi un ietves',
      'Vieta: Skolas iela 3, Kaunata',
      'Skatīt kartē: https://www.openstreetmap.org/?mlat=56.3&mlon=27.5#map=17/56.3/27.5',
      'Ziņotājs: Jānis Bērziņš',
      'E-pasts: janis@example.lv',
      'Tālrunis: +371 20000000',
      'Fotogrāfija 2: http://tilts.test/photos/p2?sig=b',
      '#procesā — ',
      'rakstiet #slēgts un iemeslu: nav-mūsu',
      'Sāciet ar #iekšēji',
      'http://tilts.test/actions/a4',
    ])
      assert.ok(email.text.includes(expected), `${expected}\n---\n${email.text}`);
    assert.match(email.html, /href="tel:\+37120000000"/);
    assert.match(email.html, /href="mailto:janis@example.lv"/);
  });

  it('tells staff when a report is private and has no public page', () => {
    const data = { ...emailData['report-new'], report: { ...report, isPrivate: true }, reportUrl: null };
    const email = renderer.render('report-new', 'lv', data);
    assert.match(email.text, /Šis ziņojums ir privāts/);
    assert.match(email.text, /tam nav publiskas lapas/);
    assert.doesNotMatch(email.text, /Atvērt ziņojuma lapu/);
  });

  it('tells a resident who said what and how the status changed', () => {
    const email = renderer.render('report-update', 'en', emailData['report-update']);
    assert.match(email.text, /The parish administration — Kaunatas pagasta pārvalde:/);
    assert.match(email.text, /The status changed from “Open” to “In progress”\./);
    assert.match(email.text, /Darbi sāksies pirmdien\./);
  });

  it('says why a report was closed, beside "Closed", as its page does', () => {
    const closed = { ...report, status: 'closed' as const, closeReason: 'duplicate' as const };
    const update = {
      ...emailData['report-update'].update,
      toStatus: 'closed' as const,
      closeReason: 'duplicate' as const,
    };
    const email = renderer.render('report-update', 'en', {
      ...emailData['report-update'],
      report: closed,
      update,
    });
    assert.match(email.text, /The status changed from “Open” to “Closed \(Duplicate\)”\./);
    assert.match(email.text, /Status: Closed \(Duplicate\)/);
    assert.match(email.html, /Closed \(Duplicate\)/);
    const alert = renderer.render('alert-update', 'ru', {
      ...emailData['alert-update'],
      toStatus: 'closed',
      closeReason: 'no_action',
    });
    assert.match(alert.text, /Закрыто \(/);
    assert.doesNotMatch(alert.text, /closeReason\./);
  });

  it("keeps a digest's answer of several lines inside its item of the plain-text list", () => {
    const digest = renderer.render('alert-digest', 'en', {
      ...emailData['alert-digest'],
      updates: [
        { ...emailData['alert-digest'].updates[0]!, toStatus: null, text: 'Labdien!\n\nBedre aizbērta.' },
      ],
    });
    assert.match(digest.text, /^ {2}Labdien!\n\n {2}Bedre aizbērta\.\n {2}http:\/\/tilts\.test\/reports\//m);
  });

  it('ends each reason a reply was held as a sentence, in every language', () => {
    const reasons = [
      { code: 'not_proven', detail: 'dkim=fail' },
      { code: 'not_staff', detail: 'kaimins@example.lv' },
      { code: 'private_details', detail: 'reporter-contact' },
    ] as const;
    for (const language of LANGUAGES)
      for (const why of reasons) {
        const email = renderer.render('held-reply', language, { ...emailData['held-reply'], why });
        // The second paragraph: "Why: <reason>".
        const said = email.text.split('\n\n')[1]!;
        assert.match(said, /\.$/, `${language} ${why.code}: ${said}`);
        const inHtml = /<strong>[^<]*<\/strong> ([^<]*)<\/p>/.exec(email.html)?.[1];
        assert.match(inHtml ?? '', /\.$/, `${language} ${why.code} in HTML`);
      }
  });

  it('refuses a template name that could leave the templates folder or has no subject', () => {
    assert.throws(() => renderer.render('../layouts/top', 'lv', {}), /not valid/);
    assert.throws(() => renderer.render('partials/report', 'lv', {}), /not valid/);
    assert.throws(() => renderer.render('no-such-template', 'lv', {}), /no subject/);
  });

  it('compiles each template once when it keeps them, and shows an edit at once when it does not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-emails-'));
    try {
      fs.cpSync(projectPath('views', 'emails'), dir, { recursive: true });
      const i18n = await createI18n();
      const kept = new EmailRenderer({ i18n, publicUrl: 'http://tilts.test', templatesDir: dir });
      const fresh = new EmailRenderer({
        i18n,
        publicUrl: 'http://tilts.test',
        templatesDir: dir,
        cache: false,
      });
      const data = emailData['report-update'];
      const before = kept.render('report-update', 'en', data).text;
      assert.equal(fresh.render('report-update', 'en', data).text, before);
      // An edit of a partial the template includes, then of the template itself.
      fs.appendFileSync(path.join(dir, 'partials', 'report.text.ejs'), 'EDITED PARTIAL\n');
      fs.appendFileSync(path.join(dir, 'report-update.text.ejs'), 'EDITED TEMPLATE <%= report.ref %>\n');
      assert.equal(kept.render('report-update', 'en', data).text, before);
      const edited = fresh.render('report-update', 'en', data).text;
      assert.match(edited, /^EDITED PARTIAL$/m);
      assert.match(edited, new RegExp(`^EDITED TEMPLATE ${data.report.ref}$`, 'm'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
