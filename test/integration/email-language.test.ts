import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK } from '../support/reports.inbound.js';

const SITE_LINK = /https?:\/\/tilts\.test[^\s"<>]*/g;

/** Every link to the site in an email's text part. */
const siteLinks = (text: string) => [...new Set(text.match(SITE_LINK) ?? [])];
const path = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

describe('a resident stays in their own language across emails and pages', () => {
  let context: TestContext;
  const emails = (kind: string) => context.services.knex('outbox').where({ kind }).orderBy('id');

  beforeEach(async () => {
    context = await makeApp();
  });

  it('a Russian reporter follows every emailed link and every page opens in Russian', async () => {
    await context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: CLERK });
    await context.services.reports.create(
      {
        categoryCode: 'roads',
        parishCode: 'kaunatas',
        title: 'Яма на дороге',
        description: 'Глубокая яма у почты.',
        location: 'Кауната, ул. Резекнес 3',
        lat: null,
        lon: null,
        name: 'Иван Петров',
        email: 'ivan@example.org',
        phone: null,
        showName: false,
        language: 'ru',
      },
      [],
    );
    const [confirm] = await emails('report-confirm');
    const links = siteLinks(confirm.text_body);
    assert.ok(links.length >= 3, 'confirm, unsubscribe and the site itself');
    for (const link of links) assert.equal(new URL(link).searchParams.get('lang'), 'ru', link);

    // The confirmation link: the page, then the button's answer, both in Russian (no cookie yet).
    const confirmLink = links.find((link) => link.includes('/reports/confirm/'))!;
    const confirmPage = await request(context.app).get(path(confirmLink)).expect(200);
    assert.match(confirmPage.text, /<html lang="ru">/);
    const cookie = confirmPage.headers['set-cookie'];
    const confirmed = await request(context.app)
      .post(new URL(confirmLink).pathname)
      .set('Cookie', Array.isArray(cookie) ? cookie : cookie ? [cookie] : [])
      .type('form')
      .send({})
      .expect(200);
    assert.match(confirmed.text, /<html lang="ru">/);

    // The parish answers in Latvian: the update email says so and marks the text.
    const report = (await context.services.knex('reports').first('ref')) as { ref: string };
    const found = (await context.services.reportRepository.byRef(report.ref))!;
    const raw = await context.sign(
      [
        `From: ${CLERK}`,
        `To: ${context.services.links.replyAddress(found.ref, CLERK)}`,
        'Subject: Re: Яма',
        'Message-ID: <lv-answer@example.org>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '#procesā Darbi sāksies pirmdien, bedri aizbērs līdz piektdienai.',
        '',
      ].join('\r\n'),
    );
    const applied = await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .send(raw);
    assert.equal(applied.body.outcome, 'applied');
    const [update] = await emails('report-update');
    assert.equal(update.language, 'ru');
    assert.match(update.text_body, /\(На латышском языке\)\nDarbi sāksies pirmdien/);
    assert.match(update.html_body, /lang="lv">Darbi sāksies pirmdien/);
    // The offices it was sent to, by their role in Russian, then their Latvian names, marked so.
    const [published] = await emails('report-published');
    assert.match(
      published.html_body,
      /управление волости \(<span lang="lv">Kaunatas pagasta pārvalde<\/span>\)/,
    );
    for (const link of [
      ...siteLinks(update.text_body),
      ...siteLinks((await emails('report-published'))[0].text_body),
    ]) {
      assert.equal(new URL(link).searchParams.get('lang'), 'ru', link);
      const page = await request(context.app).get(path(link));
      if (page.status === 200 && page.type === 'text/html') assert.match(page.text, /<html lang="ru">/, link);
    }

    // On the public page, read in Russian, the Latvian answer carries its own language.
    const publicPage = await request(context.app).get(`/reports/${found.ref}?lang=ru`).expect(200);
    assert.match(publicPage.text, /data-qa="timeline-language">На латышском языке:/);
    assert.match(publicPage.text, /data-qa="timeline-text" lang="lv">Darbi sāksies pirmdien/);
  });

  it("a first visit follows the browser's languages among lv, en and ru; a choice made once wins", async () => {
    const ru = await request(context.app)
      .get('/')
      .set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.8')
      .expect(200);
    assert.match(ru.text, /<html lang="ru">/);
    assert.match(String(ru.headers.vary), /Accept-Language/);
    const german = await request(context.app).get('/').set('Accept-Language', 'de-DE,de;q=0.9').expect(200);
    assert.match(german.text, /<html lang="lv">/);
    const english = await request(context.app).get('/').set('Accept-Language', 'de,en;q=0.5').expect(200);
    assert.match(english.text, /<html lang="en">/);
    const chosen = await request(context.app)
      .get('/')
      .set('Accept-Language', 'ru')
      .set('Cookie', 'lang=lv')
      .expect(200);
    assert.match(chosen.text, /<html lang="lv">/);
  });

  it('the language switcher never links off the site, whatever the address', async () => {
    const page = await request(context.app).get('/.//evil.example/x').expect(404);
    const hrefs = [...page.text.matchAll(/<a href="([^"]+)"[^>]*hreflang=/g)].map((match) => match[1]!);
    assert.equal(hrefs.length, 3);
    for (const href of hrefs) {
      assert.match(href, /^\/[^/\\]/, href);
      assert.equal(new URL(href, 'http://tilts.test').host, 'tilts.test');
    }
  });
});
