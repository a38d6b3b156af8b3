import assert from 'node:assert/strict';
import request from 'supertest';
import {
  confirmedOffer,
  count,
  encode,
  lastEmail,
  linkIn,
  offerApp,
  offerChangingAddress,
  offerFields,
} from './help-offers-helpers.js';

describe('the volunteer’s own page: editing the offer, and a new address taken only once proven', () => {
  const context = offerApp();

  it('lets the owner edit everything; a new address gets the private link once it is proven', async () => {
    const { knex } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'edit@example.lv' });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const res = await request(context.app)
      .post(`/help/offers/${id}`)
      .type('form')
      .send(
        encode({
          ...offerFields({
            offered_by: 'organisation',
            name: 'Biedrība Kaimiņi',
            listed: '1',
            kinds: ['digital'],
            parishes: ['griskanu', 'kaunatas'],
            days: [],
            times: '',
            ask_me: '1',
            speaks: ['ru'],
            capacity: '3',
            about: 'Palīdzam ar e-pakalpojumiem.',
            email: 'kaimini@example.org',
            phone: '26000000',
            share_phone: '1',
            share_email: undefined,
          }),
          token,
        }),
      )
      .expect(303);
    assert.match(res.headers.location ?? '', new RegExp(`^/help/offers/${id}\\?token=.+&done=email$`));
    const offer = await knex('help_offers').where({ id }).first();
    assert.equal(offer.offered_by, 'organisation');
    assert.equal(offer.listed, true);
    assert.equal(offer.ask_me, true);
    assert.equal(offer.days, '');
    assert.equal(offer.speaks, 'ru');
    assert.equal(offer.capacity, 3);
    // The new address waits for its link; the proven one is still the offer's.
    assert.equal(offer.email, 'edit@example.lv');
    assert.equal(offer.pending_email, 'kaimini@example.org');
    assert.equal(offer.share_email, false);
    assert.equal(offer.share_phone, true);
    assert.deepEqual(await knex('help_offer_kinds').where({ offer_id: id }).pluck('kind'), ['digital']);
    assert.deepEqual(
      (await knex('help_offer_parishes').where({ offer_id: id }).pluck('parish_code')).sort(),
      ['griskanu', 'kaunatas'],
    );
    const page = await request(context.app)
      .get(res.headers.location ?? '')
      .expect(200);
    assert.match(page.text, /data-qa="done"/);
    assert.match(page.text, /kaimini@example\.org/);
    // Nothing but the link goes to the new address: not the private link, not the offer's state.
    assert.equal(
      await count(knex, 'outbox', { kind: 'help-offer-active', to_email: 'kaimini@example.org' }),
      0,
    );
    const proof = await lastEmail(knex, 'help-offer-email', 'kaimini@example.org');
    assert.doesNotMatch(proof.text_body + proof.html_body, new RegExp(`/help/offers/${id}\\?token=`));
    const link = /http:\/\/tilts\.test(\/help\/offers\/email\/[^\s?"]+)/.exec(proof.text_body)?.[1];
    assert.ok(link, proof.text_body);
    // Opened, the link asks first (a mail scanner's visit changes nothing); the button makes it so.
    const asked = await request(context.app).get(link).expect(200);
    assert.match(asked.text, /<form method="post"/);
    assert.equal((await knex('help_offers').where({ id }).first()).email, 'edit@example.lv');
    const done = await request(context.app).post(link).set('Origin', 'http://tilts.test').expect(200);
    assert.match(done.text, /data-outcome="changed"/);
    const changed = await knex('help_offers').where({ id }).first();
    assert.deepEqual([changed.email, changed.pending_email], ['kaimini@example.org', null]);
    const welcome = await lastEmail(knex, 'help-offer-address', 'kaimini@example.org');
    assert.match(welcome.text_body, new RegExp(`/help/offers/${id}\\?token=`));
    assert.match(welcome.text_body, /Šī tagad ir jūsu palīdzības piedāvājuma e-pasta adrese/);
    assert.match(welcome.text_body, /Kad kādam būs vajadzīga tieši tāda palīdzība/);
    const again = await request(context.app).post(link).set('Origin', 'http://tilts.test').expect(200);
    assert.match(again.text, /data-outcome="already"/);
  });

  it('tells the new address of a paused offer that it is still paused, not that it was just confirmed', async () => {
    const { knex } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'pauze@example.lv' }, 'ru');
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    await request(context.app).post(`/help/offers/${id}/pause`).type('form').send({ token }).expect(303);
    await request(context.app)
      .post(`/help/offers/${id}`)
      .type('form')
      .send(encode({ ...offerFields({ email: 'jauna@example.lv' }), token }))
      .expect(303);
    const link = linkIn(
      (await lastEmail(knex, 'help-offer-email', 'jauna@example.lv')).text_body,
      /\/email\//,
    );
    await request(context.app).post(link).set('Origin', 'http://tilts.test').expect(200);
    const offer = await knex('help_offers').where({ id }).first();
    assert.deepEqual([offer.email, offer.status], ['jauna@example.lv', 'paused']);
    const email = await lastEmail(knex, 'help-offer-address', 'jauna@example.lv');
    assert.equal(email.subject, 'Теперь ваше предложение помощи связано с этим адресом');
    assert.match(email.text_body, /Ваше предложение приостановлено: пока вы не возобновите его/);
    assert.doesNotMatch(email.text_body + email.subject, /подтверждено|Теперь социальный работник видит/);
    assert.match(email.text_body, new RegExp(`/help/offers/${id}\\?token=.+&lang=ru`));
    assert.equal(await count(knex, 'outbox', { kind: 'help-offer-active', to_email: 'jauna@example.lv' }), 0);
  });

  it('takes a new address only by the link sent to that very address', async () => {
    const { knex } = context.services;
    const { id, save, linkTo } = await offerChangingAddress(context.app, knex, 'pirmais@example.lv');
    // A typo, then the right address: the typo's link no longer changes anything.
    await save('otrs@exmaple.lv');
    const typo = await linkTo('otrs@exmaple.lv');
    await save('otrs@example.lv');
    const right = await linkTo('otrs@example.lv');
    await request(context.app).post(typo).set('Origin', 'http://tilts.test').expect(404);
    assert.equal((await knex('help_offers').where({ id }).first()).email, 'pirmais@example.lv');
    // Saving the form again with the address still waiting sends no second link.
    await save('otrs@example.lv');
    assert.equal(await count(knex, 'outbox', { kind: 'help-offer-email', to_email: 'otrs@example.lv' }), 1);
    // Back to the proven address: the waiting one is forgotten, and its link does nothing.
    await save('pirmais@example.lv');
    assert.equal((await knex('help_offers').where({ id }).first()).pending_email, null);
    await request(context.app).post(right).set('Origin', 'http://tilts.test').expect(404);
    // A forged link, and one for another offer's address, do nothing either.
    await request(context.app)
      .post('/help/offers/email/x.y.z')
      .set('Origin', 'http://tilts.test')
      .expect(404);
    assert.equal((await knex('help_offers').where({ id }).first()).email, 'pirmais@example.lv');
  });
});
