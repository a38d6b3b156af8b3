import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedFollower, hideReport, makeReport } from '../support/reports.js';
import { askForAlert, confirmedAlert, headersOf, linkIn, mailTo, publicAnswer } from './alerts-helpers.js';

describe('email alerts for a parish or category', () => {
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  it('sends only the confirmation to an address that never confirms, whatever happens', async () => {
    const { app, services } = context;
    await askForAlert(app, { email: 'nekad@example.lv', place: 'parish:kaunatas' }).expect(303);
    const { report } = await makeReport(services, { parish: 'kaunatas' });
    await publicAnswer(services, report, 'Darbi sāksies pirmdien.');
    const mail = await mailTo(services.knex, 'nekad@example.lv');
    assert.deepEqual(
      mail.map((row) => row.kind),
      ['alert-confirm'],
    );
    // The link's page changes nothing: mail scanners fetch links.
    await request(app).get(linkIn(mail[0]!, '/alerts/confirm/')).expect(200);
    assert.equal((await services.knex('alerts').first()).confirmed_at, null);
  });

  it("leads from the confirmation to the reports the alert follows, in the email's language", async () => {
    const { app, services } = context;
    const asked: [Record<string, string>, string][] = [
      [
        { place: 'parish:kaunatas', category: 'roads' },
        '/reports?parish=kaunatas&amp;category=roads&amp;lang=en',
      ],
      [{ place: 'apvieniba:maltas' }, '/reports?apvieniba=maltas&amp;lang=en'],
      [{}, '/reports?lang=en'],
    ];
    for (const [index, [fields, href]] of asked.entries()) {
      const email = `saite${index}@example.lv`;
      await askForAlert(app, { email, ...fields }, 'en').expect(303);
      // As a browser: the emailed link (it carries ?lang=en) opens the page, whose button confirms.
      const browser = request.agent(app);
      const link = linkIn((await mailTo(services.knex, email))[0]!, '/alerts/confirm/');
      await browser.get(link).expect(200);
      const page = await browser.post(link.replace(/\?.*/, '')).expect(200);
      assert.match(page.text, /<html lang="en">/);
      assert.match(
        page.text,
        new RegExp(`<a href="${href.replace(/[?]/g, '\\?')}" data-qa="alert-reports">`),
        href,
      );
    }
  });

  it('tells a confirmed address at once of a new public report in its parish and of a public answer', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'kaunata@example.lv', { place: 'parish:kaunatas' });
    const { report } = await makeReport(services, {
      parish: 'kaunatas',
      title: 'Bedre pie skolas',
      name: 'Jānis Slepenais',
      email: 'janis.slepenais@example.lv',
      phone: '+371 29123456',
    });
    await publicAnswer(services, report, 'Darbi sāksies pirmdien.');
    const mail = await mailTo(services.knex, 'kaunata@example.lv');
    assert.deepEqual(
      mail.map((row) => row.kind),
      ['alert-confirm', 'alert-report', 'alert-update'],
    );
    const [, published, answered] = mail;
    assert.match(published!.subject, /Jauns ziņojums: Bedre pie skolas/);
    assert.ok(published!.text_body.includes(`/reports/${report.ref}`));
    assert.match(answered!.text_body, /Darbi sāksies pirmdien\./);
    for (const row of mail) {
      const body = row.text_body + row.html_body + row.subject;
      assert.doesNotMatch(body, /Slepenais|janis\.slepenais|29123456/, row.kind);
      const headers = headersOf(row);
      assert.match(
        headers['List-Unsubscribe']!,
        /^<http:\/\/tilts\.test\/alerts\/unsubscribe\/a\d+\/[^>]+>$/,
      );
      assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      assert.match(row.text_body, /\/alerts\/unsubscribe\/a\d+\//);
    }
  });

  it('does not tell its reporter or a follower twice: an alert of theirs is left out', async () => {
    const { app, services } = context;
    for (const email of ['ilze@example.lv', 'seko@example.lv', 'cits@example.lv'])
      await confirmedAlert(app, services.knex, email, { place: 'parish:kaunatas' });
    const { report } = await makeReport(services, { parish: 'kaunatas', email: 'Ilze@Example.lv' });
    await confirmedFollower(services, report, { email: 'seko@example.lv', name: 'Seko', language: 'lv' });
    await publicAnswer(services, report, 'Darbi sāksies pirmdien.');
    const kinds = async (email: string) => (await mailTo(services.knex, email)).map((row) => row.kind);
    // Her own report is no news to her; its answer reaches her once, as its reporter.
    assert.deepEqual(
      (await kinds('ilze@example.lv')).filter((kind) => kind.startsWith('alert') || kind === 'report-update'),
      ['alert-confirm', 'report-update'],
    );
    const follower = await kinds('seko@example.lv');
    assert.equal(follower.filter((kind) => kind === 'alert-update').length, 0, follower.join());
    assert.equal(follower.filter((kind) => kind === 'report-update').length, 1, follower.join());
    assert.deepEqual(await kinds('cits@example.lv'), ['alert-confirm', 'alert-report', 'alert-update']);
  });

  it('sends nothing for another parish or category, nor for private, hidden or unconfirmed reports', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'celi@example.lv', {
      place: 'parish:kaunatas',
      category: 'roads',
    });
    await confirmedAlert(app, services.knex, 'visur@example.lv', { frequency: 'immediate' });
    await makeReport(services, { parish: 'maltas', category: 'roads' });
    await makeReport(services, { parish: 'kaunatas', category: 'waste' });
    await makeReport(services, { parish: 'kaunatas', category: 'elderly-help' });
    await makeReport(services, { parish: 'kaunatas', category: 'roads', confirmed: false });
    const { report } = await makeReport(services, { parish: 'kaunatas', category: 'waste' });
    await hideReport(services, report);
    await publicAnswer(services, { ...report, hidden: true }, 'Paslēpts.');
    assert.deepEqual(
      (await mailTo(services.knex, 'celi@example.lv')).map((row) => row.kind),
      ['alert-confirm'],
    );
    // Everything: the three public reports (Malta, the two waste ones), nothing private or unconfirmed.
    const everything = await mailTo(services.knex, 'visur@example.lv');
    assert.deepEqual(
      everything.map((row) => row.kind),
      ['alert-confirm', 'alert-report', 'alert-report', 'alert-report'],
    );
  });

  it('follows an apvienība: its parishes, not the others', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'apv@example.lv', { place: 'apvieniba:kaunatas' });
    await makeReport(services, { parish: 'griskanu' });
    await makeReport(services, { parish: 'maltas' });
    assert.deepEqual(
      (await mailTo(services.knex, 'apv@example.lv')).map((row) => row.kind),
      ['alert-confirm', 'alert-report'],
    );
  });

  it('unsubscribes by the RFC 8058 one-click POST, and a GET only shows a button', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'projam@example.lv', { place: 'parish:kaunatas' });
    await makeReport(services, { parish: 'kaunatas' });
    const [, alert] = await mailTo(services.knex, 'projam@example.lv');
    const url = headersOf(alert!)['List-Unsubscribe']!.slice(1, -1);
    const path = new URL(url).pathname;
    const page = await request(app).get(path).expect(200);
    assert.match(page.text, /data-qa="unsubscribe-form"/);
    // It speaks of the alert, not of one report (the page is shared with a report's emails).
    assert.match(page.text, /e-pasta brīdinājumu par jauniem ziņojumiem un atbildēm \(Kaunatas pagasts\)/);
    assert.doesNotMatch(page.text, /šī ziņojuma/);
    assert.equal((await services.knex('alerts').first()).unsubscribed_at, null);
    const done = await request(app).post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    assert.match(done.text, /Šis e-pasta brīdinājums \(Kaunatas pagasts\) jums vairs netiks sūtīts/);
    assert.notEqual((await services.knex('alerts').first()).unsubscribed_at, null);
    await makeReport(services, { parish: 'kaunatas' });
    assert.equal((await mailTo(services.knex, 'projam@example.lv')).length, 2);
    await request(app)
      .post(path.replace(/\/[^/]+$/, '/forged'))
      .expect(404);
  });

  it('lets nobody change a running alert by asking again for the same address', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'mans@example.lv', { place: 'parish:kaunatas' });
    await askForAlert(app, { email: 'MANS@example.lv', place: 'parish:kaunatas', frequency: 'daily' }, 'ru');
    const alerts = await services.knex('alerts');
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].frequency, 'immediate');
    assert.equal(alerts[0].language, 'lv');
  });

  it('takes the same form sent five times at the same instant as one alert, never a 500', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const { app, services } = context;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        askForAlert(app, { email: 'Vienreiz@example.org', place: 'parish:maltas' }),
      ),
    );
    assert.deepEqual(
      answers.map((res) => res.status),
      [303, 303, 303, 303, 303],
    );
    assert.equal((await services.knex('alerts').whereRaw("lower(email) = 'vienreiz@example.org'")).length, 1);
  });

  it('writes every email in the subscriber’s language', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'en@example.lv', { place: 'parish:kaunatas' }, 'en');
    await confirmedAlert(app, services.knex, 'ru@example.lv', { place: 'parish:kaunatas' }, 'ru');
    await confirmedAlert(app, services.knex, 'lv@example.lv', { place: 'parish:kaunatas' }, 'lv');
    await makeReport(services, { parish: 'kaunatas', title: 'Bedre' });
    const subjects = async (email: string) => (await mailTo(services.knex, email)).map((row) => row.subject);
    assert.deepEqual(await subjects('en@example.lv'), ['Confirm your email alert', 'New report: Bedre']);
    assert.deepEqual(await subjects('ru@example.lv'), [
      'Подтвердите оповещения по почте',
      'Новое сообщение: Bedre',
    ]);
    assert.deepEqual(await subjects('lv@example.lv'), [
      'Apstipriniet paziņojumus e-pastā',
      'Jauns ziņojums: Bedre',
    ]);
    const [, english] = await mailTo(services.knex, 'en@example.lv');
    assert.match(english!.text_body, /Kaunata parish/);
    assert.equal(english!.language, 'en');
  });
});

describe('the alert form', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('is prefilled from the link of a parish page and the list', async () => {
    const { app } = context;
    const res = await request(app).get('/alerts/new?parish=kaunatas&category=roads&lang=en').expect(200);
    assert.match(res.text, /<option value="parish:kaunatas" selected>/);
    assert.match(res.text, /<option value="roads" selected>/);
    assert.doesNotMatch(res.text, /value="elderly-help"/);
    const list = await request(app).get('/reports?parish=kaunatas&category=roads').expect(200);
    assert.match(list.text, /href="\/alerts\/new\?parish=kaunatas&amp;category=roads"/);
    const parish = await request(app).get('/parishes/kaunatas').expect(200);
    assert.match(parish.text, /href="\/alerts\/new\?parish=kaunatas"/);
    const apvieniba = await request(app).get('/apvienibas/kaunatas').expect(200);
    assert.match(apvieniba.text, /href="\/alerts\/new\?apvieniba=kaunatas"/);
  });

  it('calls an apvienība an administration in English and an объединение in Russian, as every other page does', async () => {
    const { app } = context;
    const en = (await request(app).get('/alerts/new?lang=en').expect(200)).text;
    assert.doesNotMatch(en, /apvienīb/i);
    assert.match(en, /A parish, an administration or the whole municipality\./);
    assert.match(en, /<optgroup label="Administrations">/);
    const ru = (await request(app).get('/alerts/new?lang=ru').expect(200)).text;
    assert.doesNotMatch(ru, /apvienīb/i);
    assert.match(ru, /<optgroup label="Объединения">/);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a missing address', { email: '' }, /Enter your email address/],
    ['two addresses', { email: 'a@example.lv, b@example.lv' }, /Enter one email address/],
    ['a line break', { email: 'a@example.lv\r\nBcc: c@example.lv' }, /Enter one email address/],
    [
      'an unknown parish',
      { email: 'a@example.lv', place: 'parish:atlantida' },
      /Choose a place from the list/,
    ],
    [
      'an unknown category',
      { email: 'a@example.lv', category: 'dragons' },
      /Choose a category from the list/,
    ],
    ['a private category', { email: 'a@example.lv', category: 'elderly-help' }, /This category is private/],
    // Longer than any address or code: said beside the field, as a wrong one is (they were a 500).
    ['an address too long', { email: `${'a'.repeat(250)}@example.lv` }, /Enter one email address/],
    [
      'a place too long',
      { email: 'a@example.lv', place: `parish:${'k'.repeat(60)}` },
      /Choose a place from the list/,
    ],
    [
      'a category too long',
      { email: 'a@example.lv', category: 'r'.repeat(41) },
      /Choose a category from the list/,
    ],
  ];
  for (const [what, fields, message] of bad) {
    it(`refuses ${what} with 422, the form refilled and a translated error`, async () => {
      const { app, services } = context;
      const res = await askForAlert(app, { place: 'parish:maltas', ...fields }, 'en').expect(422);
      assert.match(res.text, message);
      assert.match(res.text, /data-qa="error-summary"/);
      if (fields.email && !/\r/.test(fields.email))
        assert.ok(res.text.includes(`value="${fields.email}"`), 'the address is refilled');
      assert.equal((await services.knex('alerts').count({ n: '*' }))[0]!.n, 0);
    });
  }

  it('opens from a link whose codes are too long as from one whose codes are unknown: with everything chosen', async () => {
    const { app } = context;
    for (const query of [
      `category=${'r'.repeat(41)}`,
      `parish=${'k'.repeat(60)}`,
      `email=${'a'.repeat(262)}`,
    ]) {
      const res = await request(app).get(`/alerts/new?${query}&lang=en`).expect(200);
      assert.doesNotMatch(res.text, /<option value="[^"]+" selected>/, query);
    }
  });

  it('answers in Latvian and Russian too', async () => {
    const { app } = context;
    assert.match(
      (await askForAlert(app, { email: 'a@example.lv', category: 'elderly-help' }, 'lv').expect(422)).text,
      /tāpēc nav kam sekot\./,
    );
    assert.match(
      (await askForAlert(app, { email: '' }, 'lv').expect(422)).text,
      /Ierakstiet savu e-pasta adresi/,
    );
    assert.match(
      (await askForAlert(app, { email: '' }, 'ru').expect(422)).text,
      /Введите свой адрес электронной почты/,
    );
  });

  it('limits how often one address asks', async () => {
    const { app } = context;
    for (let i = 0; i < 5; i += 1) await askForAlert(app, { email: 'limit@example.lv' }).expect(303);
    const res = await askForAlert(app, { email: 'limit@example.lv' }, 'en').expect(429);
    assert.match(res.text, /Too many alerts were asked for this address/);
  });
});
