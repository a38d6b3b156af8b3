import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { count, jpeg, linkFrom, pendingIds, postForm, validFields } from './report-form-helpers.js';

/** The hidden fields of the review page's "send my report" form, as the browser would post them. */
function hiddenFields(html: string): [string, string][] {
  const form = html.slice(html.indexOf('data-qa="send-anyway"'));
  return [...form.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((match) => [
    match[1]!,
    match[2]!
      .replace(/&#34;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  ]);
}

describe('nearby reports before a new one is sent', () => {
  let context: TestContext;
  let nearbyRef: string;
  before(async () => {
    context = await makeApp();
    const made = await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre Skolas ielā',
      lat: 56.3078,
      lon: 27.5911,
    });
    nearbyRef = made.report.ref;
    // Neither a private report nor an unconfirmed one is ever suggested.
    await makeReport(context.services, {
      category: 'elderly-help',
      parish: 'kaunatas',
      title: 'Privāts lūgums',
    });
    await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Vēl neapstiprināts',
      confirmed: false,
    });
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('shows open reports of the same category in the parish first, and creates nothing yet', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    const res = await postForm(
      app,
      validFields({ title: '<b>Mana bedre</b>', lat: '56.3079', lon: '27.5912' }),
      {
        files: [{ buffer: await jpeg(), filename: 'a.jpg' }],
      },
    ).expect(200);
    assert.match(res.text, /<h1>Vai par to jau ir ziņots\?<\/h1>/);
    assert.ok(res.text.includes(`<a href="/reports/${nearbyRef}">Bedre Skolas ielā</a>`));
    assert.match(res.text, /Atvērts/);
    assert.doesNotMatch(res.text, /Privāts lūgums|Vēl neapstiprināts/);
    assert.ok(res.text.includes(`action="/reports/${nearbyRef}/subscribe"`));
    assert.match(res.text, /Šī ir arī mana problēma/);
    // Following sends nothing of what was typed, and the page says so before it is chosen.
    assert.match(res.text, /data-qa="subscribe-note">Sekojot jūsu rakstītais netiek nosūtīts\./);
    assert.match(res.text, /Nē, mana ir cita — nosūtīt manu ziņojumu/);
    assert.ok(res.text.includes('&lt;b&gt;Mana bedre&lt;/b&gt;'));
    assert.doesNotMatch(res.text, /<b>Mana bedre/);
    const hidden = Object.fromEntries(hiddenFields(res.text));
    assert.equal(hidden.title, '<b>Mana bedre</b>');
    assert.equal(hidden.reviewed, '1');
    assert.equal(pendingIds(res.text).length, 1);
    assert.equal(await count(services.knex, 'reports'), before);
  });

  it('sends the report with its photos when the resident says theirs is different', async () => {
    const { app, services } = context;
    const review = await postForm(app, validFields({ email: 'different@example.lv' }), {
      files: [{ buffer: await jpeg(), filename: 'a.jpg' }],
    }).expect(200);
    await request(app)
      .post('/reports')
      .type('form')
      .send(new URLSearchParams(hiddenFields(review.text)).toString())
      .expect(303);
    const report = await services.knex('reports').where({ reporter_email: 'different@example.lv' }).first();
    assert.equal(report.description, 'Liela bedre ceļa vidū.\nGrūti izbraukt.');
    assert.equal(await count(services.knex, 'report_photos', { report_id: report.id }), 1);
  });

  it('goes back to the filled form when the resident wants to change the report', async () => {
    const { app } = context;
    const review = await postForm(app, validFields({ title: 'Labojams' })).expect(200);
    const fields = [...hiddenFields(review.text), ['edit', '1']];
    const form = await request(app)
      .post('/reports')
      .type('form')
      .send(new URLSearchParams(fields).toString())
      .expect(200);
    assert.match(form.text, /data-qa="report-form"/);
    assert.ok(form.text.includes('value="Labojams"'));
    assert.doesNotMatch(form.text, /data-qa="error-summary"/);
  });

  it('suggests nothing for another category or parish, and sends the report at once', async () => {
    const { app } = context;
    await postForm(app, validFields({ category: 'waste', email: 'waste@example.lv' })).expect(303);
    await postForm(app, validFields({ parish: 'maltas', email: 'malta@example.lv' })).expect(303);
  });

  it('subscribes the resident to the nearby report once they confirm by email', async () => {
    const { app, services } = context;
    const review = await postForm(app, validFields({ email: 'Sekotajs@Example.lv', name: 'Pēteris' }), {
      lang: 'en',
    }).expect(200);
    const action = /action="(\/reports\/[^"]+\/subscribe\?lang=en)"/.exec(review.text)![1]!;
    const form = review.text.slice(review.text.indexOf(action));
    const fields = [
      ...form.matchAll(/<input type="hidden" name="(name|email|language)" value="([^"]*)">/g),
    ].slice(0, 3);
    const sent = await request(app)
      .post(action)
      .type('form')
      .send(Object.fromEntries(fields.map((m) => [m[1], m[2]])))
      .expect(303);
    assert.equal(sent.headers.location, `/subscriptions/sent?ref=${nearbyRef}&lang=en`);
    const page = await request(app).get(sent.headers.location!).expect(200);
    assert.match(page.text, new RegExp(`follow report ${nearbyRef}`));

    const mail = await services.knex('outbox').where({ kind: 'subscription-confirm' }).first();
    // To the address as every table keeps it (storedAddress), whatever case it was typed in.
    assert.equal(mail.to_email, 'sekotajs@example.lv');
    assert.equal(mail.language, 'en');
    const link = await linkFrom(services.knex, 'subscription-confirm', 'subscriptions');
    const ask = await request(app).get(`${link}?lang=en`).expect(200);
    assert.match(ask.text, /Yes, follow this report/);
    assert.equal((await services.knex('subscriptions').first()).confirmed_at, null);

    const done = await request(app).post(`${link}?lang=en`).expect(200);
    assert.match(done.text, new RegExp(`You are following report ${nearbyRef}`));
    assert.notEqual((await services.knex('subscriptions').first()).confirmed_at, null);
    await request(app).post(link).expect(200);
  });

  it('answers a subscription to a private or unknown report, or a forged link, with a 404 page', async () => {
    const { app, services } = context;
    const privateRef = (await services.knex('reports').where({ title: 'Privāts lūgums' }).first()).ref;
    for (const ref of [privateRef, 'RZN-2026-99999']) {
      await request(app)
        .post(`/reports/${ref}/subscribe`)
        .type('form')
        .send({ name: 'A', email: 'a@example.lv' })
        .expect(404);
    }
    await request(app)
      .post(`/reports/${nearbyRef}/subscribe`)
      .type('form')
      .send({ name: 'A', email: 'a@b.lv, c@d.lv' })
      .expect(400);
    const forged = await request(app)
      .post('/subscriptions/confirm/1.zzzzzz.forgedforgedforgedforgedforged12?lang=en')
      .expect(404);
    assert.match(forged.text, /This link does not work/);
  });
});

describe('an expired subscription link', () => {
  it('says the link expired after 7 days', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const { app, services } = await makeApp({}, { clock: () => now });
    const { report } = await makeReport(services, { category: 'roads', parish: 'maltas' });
    await services.subscriptions.subscribe(report.ref, {
      email: 'late@example.lv',
      name: 'Late',
      language: 'lv',
    });
    const link = await linkFrom(services.knex, 'subscription-confirm', 'subscriptions');
    now = new Date('2026-03-09T10:00:00Z');
    const res = await request(app).post(link).expect(410);
    assert.match(res.text, /Saites derīguma termiņš ir beidzies/);
    assert.equal((await services.knex('subscriptions').first()).confirmed_at, null);
  });
});
