import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { count, lastEmail, linkIn, offerFields, sendOffer, type Fields } from './help-offers-helpers.js';

/** The submission key of a new render of the offer form, as Back brings it. */
async function freshKey(context: TestContext): Promise<string> {
  const page = await request(context.app).get('/help/offer').expect(200);
  const key = /<input type="hidden" name="submission_key" value="([A-Za-z0-9_-]+)">/.exec(page.text)?.[1];
  assert.ok(key, 'the form carries a submission key');
  return key;
}

describe('the offer form sent again after going back to it', () => {
  let context: TestContext;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-12-07T10:00:00Z');
    context = await makeApp({}, { clock: () => now });
  });

  const offers = () => count(context.services.knex, 'help_offers');
  const confirmEmails = () => count(context.services.knex, 'outbox', { kind: 'help-offer-confirm' });
  /** The form as the browser refills it on a new render: what was typed, with the page's new key. */
  const sendAgain = async (fields: Fields, lang?: string) =>
    sendOffer(context.app, { ...fields, submission_key: await freshKey(context) }, lang).expect(303);

  it('makes no second offer and no second email, counts nothing, and answers as the first send did', async () => {
    const { knex } = context.services;
    const fields = offerFields({
      email: 'Ilze@Example.lv',
      phone: '+371 29111111',
      share_phone: '1',
      about: 'Ar savu auto.',
      kinds: ['shopping', 'transport'],
      days: ['sat', 'mon'],
    });
    const first = await sendAgain(fields, 'ru');
    const again = await sendAgain(
      { ...fields, email: 'ilze@example.lv', kinds: ['transport', 'shopping'] },
      'ru',
    );
    assert.equal(again.headers.location, first.headers.location);
    assert.match(String(again.headers['set-cookie']), /tilts-sent-to=ilze%40example\.lv/);
    assert.equal(await offers(), 1);
    assert.equal(await confirmEmails(), 1);
    // Nothing was counted toward the network's or the address's limit for the second send.
    const limits = (await knex('rate_limits').select('key', 'hits')) as { key: string; hits: number }[];
    assert.equal(limits.length, 2);
    assert.ok(limits.every((row) => Number(row.hits) === 1));
  });

  it('makes no second offer of one already confirmed (or paused), but a new one of one withdrawn', async () => {
    const { app, services } = context;
    const { knex } = services;
    await sendAgain(offerFields());
    const confirm = linkIn((await lastEmail(knex, 'help-offer-confirm')).text_body, /\/confirm\//);
    await request(app).post(confirm).expect(200);
    await sendAgain(offerFields());
    await knex('help_offers').update({ status: 'paused', paused_at: now });
    await sendAgain(offerFields());
    assert.equal(await offers(), 1);
    assert.equal(await confirmEmails(), 1);
    await knex('help_offers').update({ status: 'withdrawn', withdrawn_at: now });
    await sendAgain(offerFields());
    assert.equal(await offers(), 2);
    assert.equal(await confirmEmails(), 2);
  });

  it('says an offer already confirmed (or paused) was sent and confirmed, not to look for an email', async () => {
    const { app, services } = context;
    const { knex } = services;
    const fields = { ...offerFields({ email: 'Ilze@Example.lv' }), submission_key: await freshKey(context) };
    await sendOffer(app, fields, 'en').expect(303).expect('Location', '/help/offer/sent?lang=en');
    const confirm = linkIn((await lastEmail(knex, 'help-offer-confirm')).text_body, /\/confirm\//);
    await request(app).post(confirm).expect(200);
    for (const status of ['active', 'paused']) {
      if (status === 'paused') await knex('help_offers').update({ status, paused_at: now });
      // Back to the form (a new key), and the same form with its own key (a slow link sent again).
      const again = await sendAgain(offerFields({ email: 'ilze@example.lv' }), 'en');
      const sameKey = await sendOffer(app, fields, 'en').expect(303);
      for (const answer of [again, sameKey]) {
        assert.equal(answer.headers.location, '/help/offer/sent?confirmed=1&lang=en', status);
        // No address is carried to the page: nothing was sent to it.
        assert.doesNotMatch(String(answer.headers['set-cookie'] ?? ''), /tilts-sent-to/);
      }
    }
    assert.equal(await offers(), 1);
    assert.equal(await confirmEmails(), 1);
    const titles = {
      lv: 'Šo piedāvājumu jūs jau nosūtījāt',
      en: 'You have already sent this offer',
      ru: 'Вы уже отправили это предложение',
    };
    for (const [lang, title] of Object.entries(titles)) {
      const page = await request(app).get(`/help/offer/sent?confirmed=1&lang=${lang}`).expect(200);
      assert.ok(page.text.includes(`<html lang="${lang}">`), lang);
      assert.ok(page.text.includes(`<title>${title} — `), lang);
      assert.ok(page.text.includes(`<h1>${title}</h1>`), lang);
      assert.ok(page.text.includes('data-qa="offer-already"'));
      assert.ok(page.text.includes('data-qa="manage-emailed"'), 'where the private link went, not the link');
      assert.doesNotMatch(page.text, /example\.lv|check your email|Pārbaudiet|Проверьте/i);
    }
    // An offer not yet confirmed still sends the resident to look for its email.
    await sendAgain(offerFields({ name: 'Anna Ozola' }), 'en');
    const unconfirmed = await sendAgain(offerFields({ name: 'Anna Ozola' }), 'en');
    assert.equal(unconfirmed.headers.location, '/help/offer/sent?lang=en');
  });

  it('makes a new offer when any field was changed, or half an hour has passed', async () => {
    const { knex } = context.services;
    const changes: Fields[] = [
      {},
      { email: 'cita@example.lv' },
      { name: 'Ilze Kalniņa-Ozola' },
      { kinds: ['transport'] },
      { parishes: ['kaunatas', 'maltas'] },
      { days: ['sat', 'sun'] },
      { times: 'vakarā' },
      { ask_me: '1' },
      { speaks: ['lv'] },
      { about: 'Ar savu auto.' },
      { phone: '+371 29111111' },
      { share_email: undefined, share_phone: '1', phone: '+371 29111111' },
      { capacity: '2' },
      { offered_by: 'organisation', name: 'Biedrība Tilts' },
      { offered_by: 'organisation', name: 'Biedrība Tilts', listed: '1' },
    ];
    for (const change of changes) {
      // Each a new offer, sent from a network and an address of its own as far as the limits go.
      await knex('rate_limits').delete();
      await sendAgain(offerFields(change));
    }
    assert.equal(await offers(), changes.length);
    now = new Date(now.getTime() + 31 * 60 * 1000);
    await sendAgain(offerFields());
    assert.equal(await offers(), changes.length + 1);
    assert.equal(await confirmEmails(), changes.length + 1);
  });

  it('makes one offer of a form sent twice at once with two keys (a double click)', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const { services } = context;
    // Both sends look for an earlier offer before either has made one, as on a busy server.
    const service = services.helpOffers;
    const look = service.resendOf.bind(service);
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothLooked = new Promise<void>((resolve) => (release = resolve));
    service.resendOf = async (...args) => {
      const found = await look(...args);
      arrived += 1;
      if (arrived === 2) release();
      if (arrived <= 2) await bothLooked;
      return found;
    };
    const answers = await Promise.all([sendAgain(offerFields()), sendAgain(offerFields())]);
    assert.deepEqual(
      answers.map((res) => res.status),
      [303, 303],
    );
    assert.equal(await offers(), 1);
    assert.equal(await confirmEmails(), 1);
  });
});
