import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { assertSwitchButtons, languageCookie } from './language-switch-helpers.js';
import { count, jpeg, pendingIds, postForm, validFields } from './report-form-helpers.js';

/** The hidden fields of the review page's "send my report" form, as the browser would post them. */
function hiddenFields(html: string): [string, string][] {
  const form = html.slice(html.indexOf('data-qa="send-anyway"'));
  return [...form.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((match) => [
    match[1]!,
    match[2]!.replace(/&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  ]);
}

/** What a switch must never leave behind: a report, an email, a hit on a rate limit. */
async function traces(context: TestContext) {
  const { knex } = context.services;
  return {
    reports: await count(knex, 'reports'),
    outbox: await count(knex, 'outbox'),
    limits: await count(knex, 'rate_limits'),
  };
}

describe('switching language on the report form shown again', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('offers the languages as buttons sending the form back, on the empty form as on one shown again', async () => {
    const { app } = context;
    const empty = await request(app).get('/reports/new').expect(200);
    assertSwitchButtons(empty.text, 'report-form', '/reports', 'lv');
    // Not sent yet: its switch shows it again unchecked.
    assert.ok(empty.text.includes('<input type="hidden" name="_fresh" value="1" form="report-form">'));
    const refused = await postForm(app, validFields({ title: '' })).expect(422);
    assert.match(refused.text, /data-qa="error-summary"/);
    assertSwitchButtons(refused.text, 'report-form', '/reports', 'lv');
    assert.doesNotMatch(refused.text, /name="_fresh"/, 'sent once: a switch says its errors again');
  });

  it('keeps what was typed into a form not sent yet, in the language chosen, without a word of error', async () => {
    const { app } = context;
    const before = await traces(context);
    const typed = { ...validFields({ title: '', email: '' }), description: 'Яма у школы, опасно для детей.' };
    const switched = await postForm(app, typed, {
      lang: 'ru',
      extra: [
        ['_lang', 'ru'],
        ['_fresh', '1'],
      ],
      files: [{ buffer: await jpeg(), filename: 'yama.jpg' }],
    }).expect(200);
    assert.match(switched.text, /<html lang="ru">/);
    assert.match(switched.text, /Яма у школы, опасно для детей\./);
    assert.ok(switched.text.includes('value="Kaunata, Skolas iela 1"'));
    assert.equal(pendingIds(switched.text).length, 1, 'the photo chosen is kept');
    assert.doesNotMatch(switched.text, /data-qa="error-/, 'nothing was sent, so nothing is wrong yet');
    assertSwitchButtons(switched.text, 'report-form', '/reports', 'ru');
    assert.match(switched.text, /name="_fresh" value="1"/, 'still not sent: a second switch is as quiet');
    // No report, no email; of the limits only the upload budget, which counts every photo's bytes.
    const after = await traces(context);
    assert.deepEqual({ ...after, limits: 0 }, { ...before, limits: 0 });
    const keys = (await context.services.knex('rate_limits').pluck('key')) as string[];
    assert.deepEqual(
      keys.filter((key) => !key.startsWith('upload')),
      [],
    );
  });

  it('shows the form in English with what was typed, every photo and its errors in English, nothing sent', async () => {
    const { app } = context;
    const fields = validFields({
      title: '',
      description: 'Bedre <b>dziļa</b> & "plata".\nOtrā rinda.',
      show_name: '1',
    });
    const refused = await postForm(app, fields, {
      files: [{ buffer: await jpeg(), filename: 'pirmā.jpg' }],
    }).expect(422);
    const [kept] = pendingIds(refused.text) as [string];
    const before = await traces(context);
    // The button "English" sends the form as it is, with a second photo chosen meanwhile.
    const switched = await postForm(app, fields, {
      lang: 'en',
      extra: [
        ['pending_photos', kept],
        ['_lang', 'en'],
      ],
      files: [{ buffer: await jpeg(), filename: 'otrā.jpg' }],
    }).expect(422);
    assert.match(switched.text, /<html lang="en">/);
    assert.match(switched.text, /<title>[^<]*Report a problem — /);
    assert.match(switched.text, /<h1>Report a problem<\/h1>/);
    // The same error as before, said in English, in the summary and at its field; no other.
    assert.match(
      switched.text,
      /data-qa="error-summary"[\s\S]*<a href="#field-title">Enter a short title\.<\/a>/,
    );
    assert.match(switched.text, /data-qa="error-title"[^>]*>[\s\S]{0,200}Enter a short title\./);
    assert.match(switched.text, /id="field-title"[^>]* aria-invalid="true"/);
    assert.equal([...switched.text.matchAll(/data-qa="error-(?!summary)/g)].length, 1, 'no other error');
    assert.ok(
      switched.text.includes(
        '>Bedre &lt;b&gt;dziļa&lt;/b&gt; &amp; &#34;plata&#34;.\nOtrā rinda.</textarea>',
      ),
    );
    assert.ok(switched.text.includes('value="Anna Kalniņa"'));
    assert.ok(switched.text.includes('value="anna@example.lv"'));
    assert.match(switched.text, /<option value="roads" selected>/);
    assert.match(switched.text, /<option value="kaunatas" selected>/);
    assert.match(switched.text, /id="field-show_name" name="show_name" value="1"[^>]* checked>/);
    const photos = pendingIds(switched.text);
    assert.equal(photos.length, 2);
    assert.equal(photos[0], kept);
    assert.equal(languageCookie(switched.headers), 'en');
    assertSwitchButtons(switched.text, 'report-form', '/reports', 'en');
    assert.deepEqual(await traces(context), before);
  });

  it('never sends a complete report: a switch only shows it again, and the real button sends it once', async () => {
    const { app, services } = context;
    const fields = validFields({ parish: 'maltas', email: 'parslegts@example.lv' });
    const before = await traces(context);
    const switched = await postForm(app, fields, { lang: 'ru', extra: [['_lang', 'ru']] }).expect(200);
    assert.match(switched.text, /<html lang="ru">/);
    assert.ok(switched.text.includes('value="parslegts@example.lv"'));
    assert.deepEqual(await traces(context), before);
    // Sent from the Russian page: the report is made once, in Russian.
    await postForm(app, fields).set('Cookie', 'lang=ru').expect(303);
    const made = await services.knex('reports').where({ reporter_email: 'parslegts@example.lv' });
    assert.equal(made.length, 1);
    assert.equal(made[0].language, 'ru');
  });

  it('says a limit reached again in the new language, without counting the switch', async () => {
    const { app, services } = context;
    const { knex } = services;
    await knex('rate_limits').insert({
      key: 'report-form:email:limited@example.lv',
      window_start: services.clock(),
      hits: 5,
    });
    const fields = validFields({ email: 'limited@example.lv' });
    const before = await traces(context);
    const switched = await postForm(app, fields, { lang: 'en', extra: [['_lang', 'en']] }).expect(429);
    assert.match(
      switched.text,
      /data-qa="error-summary"[\s\S]*Five reports have already been sent with this email address in the last hour\./,
    );
    assert.deepEqual(await traces(context), before);
    const row = await knex('rate_limits').where({ key: 'report-form:email:limited@example.lv' }).first();
    assert.equal(Number(row.hits), 5, 'the switch is not counted');
  });

  it('names a photo it could not take on a switch, and keeps the rest', async () => {
    const { app } = context;
    const switched = await postForm(app, validFields(), {
      lang: 'en',
      extra: [['_lang', 'en']],
      files: [
        { buffer: await jpeg(), filename: 'laba.jpg' },
        { buffer: Buffer.from('not a photo'), filename: 'piezīmes.jpg' },
      ],
    }).expect(422);
    assert.equal(pendingIds(switched.text).length, 1);
    assert.match(switched.text, /The file “piezīmes\.jpg” is not a photo/);
    assert.doesNotMatch(switched.text, /data-qa="error-(?!photos|summary)/);
  });

  it('is refused from another site, as the form itself', async () => {
    const { app } = context;
    await postForm(app, validFields(), { lang: 'en', extra: [['_lang', 'en']] })
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
  });
});

describe('switching language on the review of nearby reports', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
    await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre Skolas ielā',
      lat: 56.3078,
      lon: 27.5911,
    });
  });

  it('shows the review again in the language chosen, with the report still unsent', async () => {
    const { app, services } = context;
    const review = await postForm(app, validFields({ email: 'parskats@example.lv' }), {
      files: [{ buffer: await jpeg(), filename: 'a.jpg' }],
    }).expect(200);
    assert.match(review.text, /data-qa="nearby"/);
    assertSwitchButtons(review.text, 'review-form', '/reports', 'lv');
    const before = await traces(context);
    const switched = await request(app)
      .post('/reports?lang=ru')
      .type('form')
      .send(new URLSearchParams([...hiddenFields(review.text), ['_lang', 'ru']]).toString())
      .expect(200);
    assert.match(switched.text, /<html lang="ru">/);
    assert.match(switched.text, /data-qa="nearby"/);
    assert.match(switched.text, /Bedre Skolas ielā/);
    assert.equal(pendingIds(switched.text).length, 1);
    assertSwitchButtons(switched.text, 'review-form', '/reports', 'ru');
    assert.deepEqual(await traces(context), before);
    // "Send mine anyway" on the Russian page sends it, once, with its photo.
    await request(app)
      .post('/reports')
      .set('Cookie', 'lang=ru')
      .type('form')
      .send(new URLSearchParams(hiddenFields(switched.text)).toString())
      .expect(303);
    const report = await services.knex('reports').where({ reporter_email: 'parskats@example.lv' }).first();
    assert.equal(report.language, 'ru');
    assert.equal(await count(services.knex, 'report_photos', { report_id: report.id }), 1);
  });
});
