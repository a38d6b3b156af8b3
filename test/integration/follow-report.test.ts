import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedFollower, hideReport, makeReport, moveReport } from '../support/reports.js';
import { linkFrom } from './report-form-helpers.js';

const follow = (context: TestContext, ref: string, fields: Record<string, string>, lang = 'en') =>
  request(context.app).post(`/reports/${ref}/follow?lang=${lang}`).type('form').send(fields);

describe('following a report from its page', () => {
  let context: TestContext;
  let report: Report;
  let token: string;
  beforeEach(async () => {
    context = await makeApp();
    ({ report, token } = await makeReport(context.services, { title: 'Bedre', email: 'anna@example.lv' }));
  });

  it('links an open public report to a form, and the confirmed address hears of the next update in its language', async () => {
    const { app, services } = context;
    const page = await request(app).get(`/reports/${report.ref}?lang=ru`).expect(200);
    assert.match(
      page.text,
      new RegExp(`href="/reports/${report.ref}/follow\\?lang=ru">Следить за этим сообщением`),
    );
    const form = await request(app).get(`/reports/${report.ref}/follow?lang=ru`).expect(200);
    assert.match(form.text, new RegExp(`<h1>Следить за сообщением ${report.ref}</h1>`));
    // Which report it is, by its title as its page shows it (in its own language, marked).
    assert.match(form.text, /data-qa="follow-report-title" lang="lv"><strong>Bedre<\/strong>/);
    assert.match(form.text, /<label class="field__label" for="field-email">Ваш адрес электронной почты/);

    const sent = await follow(context, report.ref, { name: 'Olga', email: 'olga@example.lv' }, 'ru').expect(
      303,
    );
    assert.equal(sent.headers.location, `/subscriptions/sent?ref=${report.ref}&lang=ru`);
    const mail = await services.knex('outbox').where({ kind: 'subscription-confirm' }).first();
    assert.equal(mail.to_email, 'olga@example.lv');
    assert.equal(mail.language, 'ru');
    const link = await linkFrom(services.knex, 'subscription-confirm', 'subscriptions');
    await request(app).post(link).expect(200);

    // The reporter adds a word: every follower is told, each in their own language.
    await request(app)
      .post(`/reports/${report.ref}/actions`)
      .type('form')
      .send({ token, action: 'comment', text: 'Bedre kļūst lielāka.' })
      .expect(303);
    const update = await services
      .knex('outbox')
      .where({ kind: 'report-update', to_email: 'olga@example.lv' })
      .first();
    assert.ok(update, 'the follower is told of the comment');
    assert.equal(update.language, 'ru');
  });

  it('tells followers nothing more once a moderator hid the report', async () => {
    const { app, services } = context;
    await confirmedFollower(services, report, { email: 'olga@example.lv', name: 'Olga', language: 'ru' });
    const told = async () =>
      (await services.knex('outbox').where({ kind: 'report-update', to_email: 'olga@example.lv' })).length;
    const comment = (text: string) =>
      request(app)
        .post(`/reports/${report.ref}/actions`)
        .type('form')
        .send({ token, action: 'comment', text })
        .expect(303);
    await comment('Bedre kļūst lielāka.');
    assert.equal(await told(), 1, 'a follower hears while the report is public');
    await hideReport(services, report);
    await comment('Tagad tā ir vēl lielāka.');
    assert.equal(await told(), 1, 'a hidden report reaches no follower');
  });

  it('says every mistake beside its field, in each language, with what was typed kept and nothing sent', async () => {
    const { services } = context;
    const cases: [string, Record<string, string>, RegExp[]][] = [
      ['en', { name: '', email: '' }, [/Enter your name/, /Enter your email address/]],
      ['lv', { name: 'Anna', email: 'a@b.lv, c@d.lv' }, [/Ierakstiet vienu e-pasta adresi/]],
      ['ru', { name: 'x'.repeat(121), email: 'olga@example.lv' }, [/Имя может быть не длиннее 120 символов/]],
    ];
    for (const [lang, fields, messages] of cases) {
      const res = await follow(context, report.ref, fields, lang).expect(422);
      assert.match(res.text, /data-qa="error-summary"/);
      for (const message of messages) assert.match(res.text, message, lang);
      if (fields.email)
        assert.ok(res.text.includes(`value="${fields.email}"`), `${lang}: the address is kept`);
      if (fields.name) assert.ok(res.text.includes(`value="${fields.name}"`), `${lang}: the name is kept`);
    }
    assert.equal((await services.knex('subscriptions').count({ n: '*' }))[0]!.n, 0);
    assert.equal((await services.knex('outbox').where({ kind: 'subscription-confirm' })).length, 0);
  });

  it('says in whole words what the link in each email does, and asks no reader’s gender', async () => {
    const { app, services } = context;
    const form = await request(app).get(`/reports/${report.ref}/follow?lang=en`).expect(200);
    assert.match(form.text, /Every email has a link to unsubscribe\./);
    const sent = await follow(context, report.ref, { name: 'Ilze', email: 'ilze@example.lv' }, 'lv').expect(
      303,
    );
    const page = await request(app)
      .get(sent.headers.location as string)
      .expect(200);
    assert.match(page.text, /Līdz apstiprināšanai e-pastus par to nesaņemsiet\./);
    const link = await linkFrom(services.knex, 'subscription-confirm', 'subscriptions');
    const done = await request(app)
      .post(`${link.split('?')[0]}?lang=en`)
      .expect(200);
    assert.match(done.text, /Every email has a link to unsubscribe\./);
  });

  it('titles the refusal of one “this is my problem too” too many as that, not as a wrong request', async () => {
    const ask = (lang: string) =>
      request(context.app)
        .post(`/reports/${report.ref}/subscribe?lang=${lang}`)
        .type('form')
        .send({ name: 'A', email: 'daudz@example.lv', language: lang });
    for (let i = 0; i < 5; i += 1) await ask('en').expect(303);
    const titles = { en: 'Too many requests', lv: 'Pārāk daudz pieteikumu', ru: 'Слишком много запросов' };
    for (const [lang, title] of Object.entries(titles)) {
      const res = await ask(lang).expect(429);
      assert.match(res.text, new RegExp(`<h1>${title}</h1>`));
    }
  });

  it('limits how often one address asks, with the form kept', async () => {
    for (let i = 0; i < 5; i += 1)
      await follow(context, report.ref, { name: 'A', email: 'many@example.lv' }).expect(303);
    const res = await follow(context, report.ref, { name: 'A', email: 'many@example.lv' }).expect(429);
    assert.match(res.text, /Too many requests in the last hour/);
    assert.ok(res.text.includes('value="many@example.lv"'));
  });

  it('offers no form for a private, hidden, withdrawn or resolved report, nor to its reporter on their own page', async () => {
    const { app, services } = context;
    const request_ = (await makeReport(services, { category: 'elderly-help', title: 'Malka' })).report;
    const hidden = (await makeReport(services, { title: 'Slēpts' })).report;
    await hideReport(services, hidden);
    const resolved = (await makeReport(services, { title: 'Salabots' })).report;
    await moveReport(services, resolved, 'resolved', { text: 'Salabots.', role: 'parish_admin' });
    const withdrawn = (await makeReport(services, { title: 'Atsaukts' })).report;
    await services.knex('reports').where({ id: withdrawn.id }).update({ withdrawn_at: new Date() });
    for (const ref of [request_.ref, hidden.ref, withdrawn.ref, 'RZN-2026-99999']) {
      await request(app).get(`/reports/${ref}/follow`).expect(404);
      await follow(context, ref, { name: 'A', email: 'a@example.lv' }).expect(404);
    }
    // A public report resolved since the link was saved or the form opened says so, with its page.
    // Its link keeps the language the page is in.
    for (const res of [
      await request(app).get(`/reports/${resolved.ref}/follow?lang=en`).expect(410),
      await follow(context, resolved.ref, { name: 'A', email: 'a@example.lv' }).expect(410),
    ]) {
      assert.match(res.text, /data-outcome="closed"/);
      assert.ok(res.text.includes(`href="/reports/${resolved.ref}?lang=en"`));
    }
    const said = await request(app).get(`/reports/${resolved.ref}/follow?lang=en`).expect(410);
    assert.match(said.text, /This report can no longer be followed/);
    // "Sekot" takes the dative in Latvian: "šim ziņojumam", never "šo ziņojumu".
    const latvian = await request(app).get(`/reports/${resolved.ref}/follow?lang=lv`).expect(410);
    assert.match(latvian.text, /<h1>Šim ziņojumam vairs nevar sekot<\/h1>/);
    const resolvedPage = await request(app).get(`/reports/${resolved.ref}`).expect(200);
    assert.doesNotMatch(resolvedPage.text, /data-qa="follow-link"/);
    assert.equal((await services.knex('subscriptions').count({ n: '*' }))[0]!.n, 0);
  });
});
