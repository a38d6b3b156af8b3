import assert from 'node:assert/strict';
import request from 'supertest';
import { createI18n } from '../../src/i18n/index.js';
import { EmailRenderer } from '../../src/mail/renderer.js';
import { textLanguage } from '../../src/reports/text-language.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import * as fixtures from '../unit/mail-out/email-fixtures.js';

/** The element (start tag to its text) that first shows `text` in the page's body. */
function elementOf(html: string, text: string): string {
  const at = html.indexOf(text, html.indexOf('<body'));
  assert.ok(at > 0, `the page shows “${text}”`);
  const start = html.lastIndexOf('<', at);
  return html.slice(start, at + text.length);
}

/**
 * WCAG 3.1.2 (language of parts): what a resident or a parish wrote in another language than the
 * page carries its own `lang` — on the report's page, in the list, on a place's page, in the feeds
 * and in the HTML of the emails — and nothing is marked when it is in the page's own language.
 */
describe('language of parts: foreign words carry their own lang', () => {
  let context: TestContext;
  let russian: Report;
  const title = 'Яма на дороге у школы';
  const description = 'Большая яма возле автобусной остановки, машины объезжают её по встречной полосе.';
  const location = 'Школьная улица 1';
  const answer = 'Paldies par ziņojumu, ceļu dienests bedri aizbērs nākamnedēļ.';

  before(async () => {
    context = await makeApp();
    const { services } = context;
    // A resident who wrote in Russian: the report form stores the language of the page they used.
    russian = (await makeReport(services, { title, description, location })).report;
    await services.knex('reports').where({ id: russian.id }).update({ language: 'ru' });
    // The parish answers in Latvian; the timeline stores the language its words are in.
    await services.timeline.addUpdate(
      services.knex,
      {
        reportId: russian.id,
        authorKind: 'recipient',
        channel: 'email',
        publicText: answer,
        isPublic: true,
        language: textLanguage(answer, 'lv'),
      },
      new Date(),
    );
  });

  it('marks a Russian report’s title, description and place on the Latvian and English page', async () => {
    for (const lang of ['lv', 'en']) {
      const page = await request(context.app).get(`/reports/${russian.ref}?lang=${lang}`).expect(200);
      assert.match(page.text, new RegExp(`<html lang="${lang}"`));
      for (const text of [title, description, location])
        assert.match(elementOf(page.text, text), /lang="ru"/, `${lang}: ${text}`);
    }
  });

  it('marks nothing Russian on the Russian page, and the Latvian answer there as Latvian', async () => {
    const page = await request(context.app).get(`/reports/${russian.ref}?lang=ru`).expect(200);
    for (const text of [title, description, location])
      assert.doesNotMatch(elementOf(page.text, text), /\slang=/, text);
    assert.match(elementOf(page.text, answer), /lang="lv"/);
  });

  it('marks the Russian title and place in the list and on the parish’s page', async () => {
    for (const path of ['/reports?lang=lv', '/reports?lang=en', `/parishes/${russian.parishCode}?lang=lv`]) {
      const page = await request(context.app).get(path).expect(200);
      assert.match(elementOf(page.text, title), /lang="ru"/, `${path}: the title`);
      assert.match(elementOf(page.text, location), /lang="ru"/, `${path}: the place`);
    }
    const russianList = await request(context.app).get('/reports?lang=ru').expect(200);
    // No lang attribute; its link says ?lang=ru, as every link of a page not in Latvian does.
    assert.doesNotMatch(elementOf(russianList.text, title), /\slang=/);
  });

  it('marks the report’s words and the parish’s answer in the feeds’ HTML', async () => {
    const atom = await request(context.app).get('/feeds/reports.atom?lang=en').expect(200);
    const text = atom.text as string;
    // The entry's HTML content travels as CDATA inside the XML.
    assert.match(text, /<p lang="ru">Большая яма/);
    assert.match(text, /<p lang="lv">Paldies par ziņojumu/);
    const latvian = await request(context.app).get(`/reports/${russian.ref}/feed.atom?lang=lv`).expect(200);
    assert.match(latvian.text as string, /<p lang="ru">Большая яма/);
    assert.doesNotMatch(latvian.text as string, /<p lang="lv">/);
  });

  it('marks Latvian words sent from the Russian form as Latvian, not as the form’s Russian', async () => {
    const { services } = context;
    const latvian = {
      title: 'Salauzts sols parkā pie baznīcas',
      description: 'Solam ir nolūzis atzveltnes dēlis, uz tā nevar apsēsties.',
    };
    const { report } = await makeReport(services, {
      ...latvian,
      email: 'forma.krieviski@example.org',
      language: 'ru',
    });
    const english = await request(context.app).get(`/reports/${report.ref}?lang=en`).expect(200);
    for (const text of Object.values(latvian)) assert.match(elementOf(english.text, text), /lang="lv"/, text);
    const own = await request(context.app).get(`/reports/${report.ref}?lang=lv`).expect(200);
    for (const text of Object.values(latvian)) assert.doesNotMatch(elementOf(own.text, text), /lang=/, text);
    const list = await request(context.app).get('/reports?lang=ru').expect(200);
    assert.match(elementOf(list.text, latvian.title), /lang="lv"/);
    // The reporter still hears in Russian, and reads their own Latvian words marked as Latvian.
    const [confirmed] = await services
      .knex('outbox')
      .where({ to_email: 'forma.krieviski@example.org', kind: 'report-published' });
    assert.equal(confirmed.language, 'ru');
    assert.match(elementOf(confirmed.html_body, latvian.title), /lang="lv"/);
  });

  it('marks the Russian title, place and description in a Latvian email’s HTML, not in its text', async () => {
    const renderer = new EmailRenderer({ i18n: await createI18n(), publicUrl: 'http://tilts.test' });
    const foreign = { ...fixtures.report, title, description, location, language: 'ru' as const };
    const email = renderer.render('report-new', 'lv', {
      ...fixtures.emailData['report-new'],
      report: foreign,
    });
    for (const text of [title, description, location])
      assert.match(elementOf(email.html, text), /lang="ru"/, text);
    assert.doesNotMatch(email.text, /lang="/);
    const alert = renderer.render('alert-update', 'en', {
      ...fixtures.emailData['alert-update'],
      report: { ...fixtures.emailData['alert-update'].report, title, language: 'ru' },
      text: answer,
      textLanguage: 'lv',
    });
    assert.match(elementOf(alert.html, title), /lang="ru"/);
    assert.match(elementOf(alert.html, answer), /lang="lv"/);
    // A title quoted inside a sentence is marked too (an update to a follower who reads English).
    const update = renderer.render('report-update', 'en', {
      ...fixtures.emailData['report-update'],
      report: foreign,
    });
    assert.match(elementOf(update.html, title), /<span lang="ru">/);
    const own = renderer.render('report-new', 'ru', { ...fixtures.emailData['report-new'], report: foreign });
    assert.doesNotMatch(elementOf(own.html, title), /lang=/);
  });
});
