import assert from 'node:assert/strict';
import request from 'supertest';
import {
  confirmedOffer,
  count,
  encode,
  lastEmail,
  linkIn,
  offerApp,
  offerFields,
  sendOffer,
} from './help-offers-helpers.js';

describe('offering help: the form and its emailed confirmation', () => {
  const context = offerApp();

  it('shows the form in each language, with the page’s own language ticked among those spoken', async () => {
    const lv = await request(context.app).get('/help/offer').expect(200);
    assert.match(lv.text, /<h1>Piedāvāt palīdzību<\/h1>/);
    assert.match(lv.text, /id="field-speaks-lv" name="speaks" value="lv" checked/);
    assert.match(lv.text, /Kaunatas pagasts/);
    const ru = await request(context.app).get('/help/offer?lang=ru').expect(200);
    assert.match(ru.text, /<h1>Предложить помощь<\/h1>/);
    assert.match(ru.text, /id="field-speaks-ru" name="speaks" value="ru" checked/);
    const en = await request(context.app).get('/help/offer?lang=en').expect(200);
    assert.match(en.text, /Digital help \(phone, internet, e-services\)/);
  });

  it('keeps a sent offer unconfirmed and emails its link, in the volunteer’s language', async () => {
    const { knex } = context.services;
    const res = await sendOffer(
      context.app,
      offerFields({ email: 'jana@example.lv', phone: '+371 20000000', share_phone: '1' }),
      'ru',
    ).expect(303);
    assert.equal(res.headers.location, '/help/offer/sent?lang=ru');
    assert.doesNotMatch(res.headers.location, /jana/);
    const offer = await knex('help_offers').where({ email: 'jana@example.lv' }).first();
    assert.equal(offer.status, 'unconfirmed');
    assert.equal(offer.language, 'ru');
    assert.equal(offer.share_phone, true);
    assert.deepEqual((await knex('help_offer_kinds').where({ offer_id: offer.id }).pluck('kind')).sort(), [
      'shopping',
      'transport',
    ]);
    assert.deepEqual(await knex('help_offer_parishes').where({ offer_id: offer.id }).pluck('parish_code'), [
      'kaunatas',
    ]);
    const email = await lastEmail(knex, 'help-offer-confirm', 'jana@example.lv');
    assert.equal(email.language, 'ru');
    assert.equal(email.subject, 'Подтвердите своё предложение помощи');
    assert.match(email.text_body, /Здравствуйте, Ilze Kalniņa!/);
    assert.match(email.text_body, /Где вы можете помочь: волость Кауната/);
    assert.match(linkIn(email.text_body, /\/confirm\//), /lang=ru/);
    // Nothing but the confirmation link goes to an address not yet proven.
    assert.doesNotMatch(email.text_body, /\/help\/offers\/\d+\?token=/);
    const sent = await request(context.app).get('/help/offer/sent?lang=ru').expect(200);
    assert.match(sent.text, /Проверьте свою почту/);
  });

  it('confirms nothing on GET: the link shows a button that posts back', async () => {
    const { knex } = context.services;
    await sendOffer(context.app, offerFields({ email: 'scanner@example.lv' })).expect(303);
    const link = linkIn(
      (await lastEmail(knex, 'help-offer-confirm', 'scanner@example.lv')).text_body,
      /\/confirm\//,
    );
    const page = await request(context.app).get(link).expect(200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.text, /data-qa="confirm-form"/);
    assert.equal(
      (await knex('help_offers').where({ email: 'scanner@example.lv' }).first()).status,
      'unconfirmed',
    );
  });

  it('confirms on POST, sends the private link, and says “already confirmed” when the link is used again', async () => {
    const { knex } = context.services;
    const { id, manage, confirm } = await confirmedOffer(context.app, knex, { email: 'once@example.lv' });
    const offer = await knex('help_offers').where({ id }).first();
    assert.equal(offer.status, 'active');
    assert.equal(new Date(offer.confirmed_at).toISOString(), context.now.toISOString());
    const active = await lastEmail(knex, 'help-offer-active', 'once@example.lv');
    assert.equal(active.subject, 'Jūsu palīdzības piedāvājums ir apstiprināts');
    assert.match(manage, /lang=lv/);
    const emails = await count(knex, 'outbox', { to_email: 'once@example.lv' });
    const again = await request(context.app)
      .post(`${confirm.replace(/\?.*/, '')}?lang=en`)
      .expect(200);
    assert.match(again.text, /Your offer is already confirmed/);
    assert.match(again.text, /data-outcome="already"/);
    assert.equal(await count(knex, 'outbox', { to_email: 'once@example.lv' }), emails);
    // Withdrawn or paused since, the old link must not call the offer active.
    for (const status of ['paused', 'withdrawn'] as const) {
      await knex('help_offers').where({ id }).update({ status });
      const later = await request(context.app)
        .post(`${confirm.replace(/\?.*/, '')}?lang=en`)
        .expect(200);
      assert.match(later.text, new RegExp(`data-status="${status}"`));
      assert.doesNotMatch(later.text, /already confirmed|can now see your offer/);
    }
  });

  it('refuses an expired confirmation link (410) and a forged one (404), and confirms nothing', async () => {
    const { knex } = context.services;
    await sendOffer(context.app, offerFields({ email: 'late@example.lv' })).expect(303);
    const link = linkIn(
      (await lastEmail(knex, 'help-offer-confirm', 'late@example.lv')).text_body,
      /\/confirm\//,
    ).replace(/\?.*/, '');
    context.now = new Date('2026-12-08T09:00:01Z');
    const late = await request(context.app).post(`${link}?lang=en`).expect(410);
    assert.match(late.text, /This link has expired/);
    context.now = new Date('2026-12-01T09:00:00Z');
    const [subject, expires] = link.slice(link.lastIndexOf('/') + 1).split('.');
    const forged = `/help/offers/confirm/${subject}.${expires}.${'A'.repeat(32)}`;
    const res = await request(context.app).post(`${forged}?lang=en`).expect(404);
    assert.match(res.text, /This link does not work/);
    await request(context.app).post('/help/offers/confirm/garbage').expect(404);
    // Another offer's id with this one's signature is forged too.
    await request(context.app)
      .post(`/help/offers/confirm/9999.${expires}.${link.split('.').pop()}`)
      .expect(404);
    assert.equal(
      (await knex('help_offers').where({ email: 'late@example.lv' }).first()).status,
      'unconfirmed',
    );
  });

  it('limits offers from one address to 5 an hour, with a translated message and the form kept', async () => {
    const { knex } = context.services;
    for (let i = 0; i < 5; i++)
      await sendOffer(context.app, offerFields({ email: `limit${i}@example.lv` })).expect(303);
    const before = await count(knex, 'help_offers');
    const res = await sendOffer(
      context.app,
      offerFields({ name: 'Sestais', email: 'limit6@example.lv' }),
      'en',
    ).expect(429);
    assert.match(res.text, /Many offers were sent from this network in the last hour/);
    assert.match(res.text, /value="Sestais"/);
    assert.match(res.text, /value="limit6@example\.lv"/);
    assert.equal(await count(knex, 'help_offers'), before);
    // A mistake is not counted: the person correcting the form is not refused for it.
    await sendOffer(context.app, offerFields({ kinds: undefined })).expect(422);
    context.now = new Date('2026-12-01T10:00:01Z');
    await sendOffer(context.app, offerFields({ email: 'limit6@example.lv' })).expect(303);
  });

  it('limits offers for one email address to 3 an hour, whatever network they come from', async () => {
    // Three offers of their own (the same one sent again would be the first, and count nothing).
    const from = (ip: string, name: string) =>
      request(context.app)
        .post('/help/offer')
        .set('X-Forwarded-For', ip)
        .type('form')
        .send(encode(offerFields({ email: 'same@example.lv', name })));
    for (let i = 0; i < 3; i++) await from(`10.0.0.${i}`, `Ilze ${i}`).expect(303);
    const res = await sendOffer(context.app, offerFields({ email: 'Same@example.lv' })).expect(429);
    assert.match(res.text, /No šīs e-pasta adreses/);
  });

  it('refuses a post from another site', async () => {
    await request(context.app)
      .post('/help/offer')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send(encode(offerFields({ email: 'csrf@example.lv' })))
      .expect(403);
    assert.equal(await count(context.services.knex, 'help_offers', { email: 'csrf@example.lv' }), 0);
  });
});
