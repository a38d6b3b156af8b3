import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedOffer, count, encode, offerFields, sendOffer } from './help-offers-helpers.js';
import { postRequest, requestFields } from './help-requests-helpers.js';
import { assertSwitchButtons, keyIn, languageCookie } from './language-switch-helpers.js';

/** What a switch must never leave behind: an offer, a request, an email, a hit on a rate limit. */
async function traces(context: TestContext) {
  const { knex } = context.services;
  return {
    offers: await count(knex, 'help_offers'),
    reports: await count(knex, 'reports'),
    outbox: await count(knex, 'outbox'),
    limits: await count(knex, 'rate_limits'),
  };
}

describe('switching language on a help form shown again', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('shows the volunteer’s offer in Russian as typed, with its key and its errors in Russian, and sends nothing', async () => {
    const { app, services } = context;
    const form = await request(app).get('/help/offer').expect(200);
    assertSwitchButtons(form.text, 'offer-form', '/help/offer', 'lv');
    const key = keyIn(form.text);
    const typed = offerFields({
      name: 'Ilze <Zariņa> & "draugi"',
      email: 'parslegt@example.lv',
      kinds: [],
      days: ['sat', 'sun'],
      submission_key: key,
    });
    const refused = await sendOffer(app, typed).expect(422);
    assertSwitchButtons(refused.text, 'offer-form', '/help/offer', 'lv');
    const before = await traces(context);
    const switched = await sendOffer(app, { ...typed, _lang: 'ru' }, 'ru').expect(422);
    assert.match(switched.text, /<html lang="ru">/);
    // The same error as before, said in Russian, in the summary and at its field.
    assert.match(
      switched.text,
      /data-qa="error-summary"[\s\S]*<a href="#field-kinds">Отметьте хотя бы один вид помощи\.<\/a>/,
    );
    assert.match(switched.text, /data-qa="error-kinds"[^>]*>[\s\S]{0,200}Отметьте хотя бы один вид помощи\./);
    assert.match(switched.text, /name="kinds"[^>]* aria-invalid="true"/);
    assert.doesNotMatch(switched.text, /Tick at least one|Atzīmējiet/);
    assert.equal([...switched.text.matchAll(/data-qa="error-(?!summary)/g)].length, 1, 'no other error');
    assert.ok(switched.text.includes('value="Ilze &lt;Zariņa&gt; &amp; &#34;draugi&#34;"'));
    assert.ok(switched.text.includes('value="parslegt@example.lv"'));
    assert.match(switched.text, /name="days" value="sun"[^>]* checked/);
    assert.match(switched.text, /name="parishes" value="kaunatas"[^>]* checked/);
    assert.equal(keyIn(switched.text), key);
    assert.equal(languageCookie(switched.headers), 'ru');
    assertSwitchButtons(switched.text, 'offer-form', '/help/offer', 'ru');
    assert.deepEqual(await traces(context), before);

    // Complete, a switch still sends nothing; the real button then makes one offer, in Russian,
    // and its double click none more (the key is the one the page had from the start).
    const complete = offerFields({ email: 'parslegt@example.lv', submission_key: key });
    await sendOffer(app, { ...complete, _lang: 'ru' }, 'ru').expect(200);
    assert.deepEqual(await traces(context), before);
    await sendOffer(app, complete, 'ru').expect(303);
    await sendOffer(app, complete, 'ru').expect(303);
    const offers = await services.knex('help_offers').where({ email: 'parslegt@example.lv' });
    assert.equal(offers.length, 1);
    assert.equal(offers[0].language, 'ru');
  });

  it('shows the request for help in English as typed, with its key and its errors in English, and sends nothing', async () => {
    const { app, services } = context;
    const key = keyIn((await request(app).get('/help/request').expect(200)).text);
    const typed = requestFields({
      description: 'Malka <ziemai> & "ūdens".',
      phone: '',
      email: 'lugums-parslegts@example.lv',
      wants: '',
      submission_key: key,
    });
    const refused = await postRequest(context, typed).expect(422);
    assertSwitchButtons(refused.text, 'help-request-form', '/help/request', 'lv');
    const before = await traces(context);
    const switched = await postRequest(context, { ...typed, _lang: 'en' }, 'en').expect(422);
    assert.match(switched.text, /<html lang="en">/);
    // The same error as before, said in English, in the summary and at its field.
    assert.match(
      switched.text,
      /data-qa="error-summary"[\s\S]*<a href="#field-wants">Choose what you would like: a volunteer, a call back or a visit\.<\/a>/,
    );
    assert.match(switched.text, /data-qa="error-wants"[^>]*>[\s\S]{0,200}Choose what you would like/);
    assert.match(switched.text, /name="wants"[^>]* aria-invalid="true"/);
    assert.equal([...switched.text.matchAll(/data-qa="error-(?!summary)/g)].length, 1, 'no other error');
    assert.ok(switched.text.includes('>Malka &lt;ziemai&gt; &amp; &#34;ūdens&#34;.</textarea>'));
    assert.ok(switched.text.includes('value="Valentīna Kalvāne"'));
    assert.ok(switched.text.includes('value="lugums-parslegts@example.lv"'));
    assert.match(switched.text, /<option value="kaunatas" selected>/);
    assert.equal(keyIn(switched.text), key);
    assert.equal(languageCookie(switched.headers), 'en');
    assertSwitchButtons(switched.text, 'help-request-form', '/help/request', 'en');
    assert.deepEqual(await traces(context), before);

    const complete = requestFields({ email: 'lugums-parslegts@example.lv', submission_key: key });
    await postRequest(context, { ...complete, _lang: 'en' }, 'en').expect(200);
    assert.deepEqual(await traces(context), before);
    await postRequest(context, complete, 'en').expect(303);
    await postRequest(context, complete, 'en').expect(303);
    const made = await services.knex('reports').where({ reporter_email: 'lugums-parslegts@example.lv' });
    assert.equal(made.length, 1);
    assert.equal(made[0].language, 'en');
  });

  it('keeps what was typed into a form not sent yet, in the language chosen, without a word of error', async () => {
    const { app } = context;
    const before = await traces(context);
    for (const [path, formId] of [
      ['/help/request', 'help-request-form'],
      ['/help/offer', 'offer-form'],
    ] as const) {
      const form = (await request(app).get(path).expect(200)).text;
      assert.ok(form.includes(`<input type="hidden" name="_fresh" value="1" form="${formId}">`), path);
      const typed = {
        ...(path === '/help/request'
          ? requestFields({ description: 'Нужно съездить к врачу.', email: '', phone: '' })
          : offerFields({ about: 'Могу возить к врачу.', email: '', kinds: [] })),
        submission_key: keyIn(form),
        _fresh: '1',
        _lang: 'ru',
      };
      const switched =
        path === '/help/request'
          ? await postRequest(context, typed, 'ru').expect(200)
          : await sendOffer(app, typed, 'ru').expect(200);
      assert.match(switched.text, /<html lang="ru">/, path);
      assert.match(switched.text, /Нужно съездить к врачу\.|Могу возить к врачу\./, path);
      assert.doesNotMatch(
        switched.text,
        /data-qa="error-/,
        `${path}: nothing was sent, so nothing is wrong yet`,
      );
      assert.equal(keyIn(switched.text), typed.submission_key, `${path} keeps its key`);
      assertSwitchButtons(switched.text, formId, path, 'ru');
      assert.ok(switched.text.includes('name="_fresh" value="1"'), `${path}: still not sent`);
    }
    assert.deepEqual(await traces(context), before);
  });

  it('says a limit reached again in the new language, without counting the switch', async () => {
    const { app, services } = context;
    const { knex } = services;
    const now = services.clock();
    await knex('rate_limits').insert([
      { key: 'help-offer:email:limited@example.lv', window_start: now, hits: 3 },
      { key: 'help-request:email:limited-lugums@example.lv', window_start: now, hits: 3 },
    ]);
    const hits = async () =>
      (await knex('rate_limits').orderBy('key')).map((row) => [row.key, Number(row.hits)]);
    const offer = offerFields({ email: 'limited@example.lv' });
    const refused = await sendOffer(app, offer).expect(429);
    assert.match(refused.text, /data-qa="error-summary"/);
    const before = { ...(await traces(context)), hits: await hits() };
    const offerSwitched = await sendOffer(app, { ...offer, _lang: 'ru' }, 'ru').expect(429);
    assert.match(
      offerSwitched.text,
      /data-qa="error-summary"[\s\S]*С этого адреса за последний час отправлено много предложений\./,
    );
    const asked = requestFields({ email: 'limited-lugums@example.lv', phone: '' });
    const requestSwitched = await postRequest(context, { ...asked, _lang: 'en' }, 'en').expect(429);
    assert.match(
      requestSwitched.text,
      /data-qa="error-summary"[\s\S]*Three requests have already been sent with this phone number or email address today\./,
    );
    assert.deepEqual({ ...(await traces(context)), hits: await hits() }, before);
  });

  it('keeps the volunteer’s edits of their own offer across a switch, before and after saving, and saves nothing', async () => {
    const { app, services } = context;
    const { knex } = services;
    const { id, manage } = await confirmedOffer(app, knex, { email: 'labo@example.lv' });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const own = await request(app).get(`/help/offers/${id}?token=${token}`).expect(200);
    assertSwitchButtons(own.text, 'edit-form', `/help/offers/${id}`, 'lv');
    const edited = {
      ...offerFields({ email: 'labo@example.lv', about: 'Ir mašīna.', capacity: '99' }),
      token,
    };
    const switchTo = (extra: Record<string, string>, lang: string) =>
      request(app)
        .post(`/help/offers/${id}?lang=${lang}`)
        .type('form')
        .send(encode({ ...edited, ...extra }));
    const before = await traces(context);
    // Not saved yet: as typed, in English, with no error.
    const fresh = await switchTo({ _lang: 'en', _fresh: '1' }, 'en').expect(200);
    assert.match(fresh.text, /<html lang="en">/);
    assert.ok(fresh.text.includes('>Ir mašīna.</textarea>'));
    assert.ok(fresh.text.includes('value="99"'));
    assert.doesNotMatch(fresh.text, /data-qa="error-/);
    assertSwitchButtons(fresh.text, 'edit-form', `/help/offers/${id}`, 'en');
    // Saved with an error, then switched: the error said in Russian, and still nothing saved.
    await request(app).post(`/help/offers/${id}`).type('form').send(encode(edited)).expect(422);
    const refused = await switchTo({ _lang: 'ru' }, 'ru').expect(422);
    assert.match(
      refused.text,
      /data-qa="error-summary"[\s\S]*<a href="#field-capacity">Введите число от 1 до 10\.<\/a>/,
    );
    assert.ok(refused.text.includes('>Ir mašīna.</textarea>'));
    assert.deepEqual(await traces(context), before);
    const offer = await knex('help_offers').where({ id }).first();
    assert.deepEqual([offer.about, offer.capacity], ['', 1]);
  });

  it('is refused from another site, as the forms themselves', async () => {
    const { app } = context;
    await sendOffer(app, { ...offerFields(), _lang: 'en' }, 'en')
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    await request(app)
      .post('/help/request?lang=en')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ ...requestFields(), _lang: 'en' })
      .expect(403);
  });
});
