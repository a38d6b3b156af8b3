import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import {
  confirmedOffer,
  count,
  encode,
  lastEmail,
  linkIn,
  offerFields,
  sendOffer,
} from './help-offers-helpers.js';

describe('offering help: the form, the emailed confirmation and the volunteer’s own page', () => {
  let context: TestContext;
  let now: Date;
  before(async () => {
    now = new Date('2026-12-01T09:00:00Z');
    context = await makeApp({}, { clock: () => now });
  });
  beforeEach(async () => {
    now = new Date('2026-12-01T09:00:00Z');
    await context.services.knex('rate_limits').delete();
  });

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
    assert.equal(new Date(offer.confirmed_at).toISOString(), now.toISOString());
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
    now = new Date('2026-12-08T09:00:01Z');
    const late = await request(context.app).post(`${link}?lang=en`).expect(410);
    assert.match(late.text, /This link has expired/);
    now = new Date('2026-12-01T09:00:00Z');
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

  it('opens the owner’s page only with their token: never cached, never indexed; a forged token is refused', async () => {
    const { knex } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'own@example.lv' });
    const page = await request(context.app).get(manage).expect(200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.headers['x-robots-tag'], 'noindex');
    assert.match(page.text, /data-qa="offer-status">Aktīvs</);
    assert.match(page.text, /value="own@example\.lv"/);
    const forged = await request(context.app)
      .get(`/help/offers/${id}?token=${'x'.repeat(32)}&lang=en`)
      .expect(404);
    assert.match(forged.text, /This link does not work/);
    assert.doesNotMatch(forged.text, /own@example/);
    await request(context.app).get(`/help/offers/${id}`).expect(404);
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    // Another offer's page with this token, and a path that is not an id.
    await request(context.app)
      .get(`/help/offers/${id + 1}?token=${token}`)
      .expect(404);
    await request(context.app).get(`/help/offers/abc?token=${token}`).expect(404);
    // A forged token changes nothing either.
    await request(context.app)
      .post(`/help/offers/${id}/withdraw`)
      .type('form')
      .send({ token: 'y'.repeat(32) })
      .expect(404);
    assert.equal((await knex('help_offers').where({ id }).first()).status, 'active');
  });

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
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'pirmais@example.lv' });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const save = (email: string) =>
      request(context.app)
        .post(`/help/offers/${id}`)
        .type('form')
        .send(encode({ ...offerFields({ email }), token }))
        .expect(303);
    const linkTo = async (to: string) =>
      /http:\/\/tilts\.test(\/help\/offers\/email\/[^\s?"]+)/.exec(
        (await lastEmail(knex, 'help-offer-email', to)).text_body,
      )![1]!;
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

  it('shows the edit form again with its errors and what was typed, and changes nothing', async () => {
    const { knex } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'typo@example.lv' });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const res = await request(context.app)
      .post(`/help/offers/${id}?lang=en`)
      .type('form')
      .send(
        encode({
          ...offerFields({ name: 'Jauns vārds', parishes: undefined, email: 'typo@example.lv' }),
          token,
        }),
      )
      .expect(422);
    assert.match(res.text, /Tick at least one parish where you can help/);
    assert.match(res.text, /value="Jauns vārds"/);
    assert.equal((await knex('help_offers').where({ id }).first()).name, 'Ilze Kalniņa');
  });

  it('pauses, resumes and withdraws by the owner’s buttons; a withdrawn offer is no longer edited', async () => {
    const { knex } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'states@example.lv' });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const act = (action: string) =>
      request(context.app).post(`/help/offers/${id}/${action}`).type('form').send({ token }).expect(303);
    assert.match((await act('pause')).headers.location ?? '', /done=pause$/);
    let offer = await knex('help_offers').where({ id }).first();
    assert.equal(offer.status, 'paused');
    assert.ok(offer.paused_at);
    assert.match((await act('pause')).headers.location ?? '', /done=unchanged$/);
    await act('resume');
    offer = await knex('help_offers').where({ id }).first();
    assert.equal(offer.status, 'active');
    assert.equal(offer.paused_at, null);
    // Withdrawing is asked first, on a page of its own, in the owner's language; nothing changes yet.
    const asked = await request(context.app)
      .post(`/help/offers/${id}/withdraw?lang=ru`)
      .type('form')
      .send({ token })
      .expect(200);
    assert.match(asked.text, /<h1>Отозвать ваше предложение\?<\/h1>/);
    assert.match(asked.text, /name="confirm" value="yes"/);
    assert.match(asked.text, /лучше приостановите предложение/);
    assert.equal((await knex('help_offers').where({ id }).first()).status, 'active');
    await request(context.app)
      .post(`/help/offers/${id}/withdraw`)
      .type('form')
      .send({ token, confirm: 'yes' })
      .expect(303);
    offer = await knex('help_offers').where({ id }).first();
    assert.equal(offer.status, 'withdrawn');
    assert.ok(offer.withdrawn_at);
    assert.match((await act('resume')).headers.location ?? '', /done=unchanged$/);
    const page = await request(context.app).get(manage.replace('lang=lv', 'lang=en')).expect(200);
    assert.match(page.text, /Your offer is withdrawn/);
    assert.doesNotMatch(page.text, /data-qa="edit-form"/);
    await request(context.app)
      .post(`/help/offers/${id}`)
      .type('form')
      .send(encode({ ...offerFields({ name: 'Vēlreiz' }), token }))
      .expect(409);
    assert.equal((await knex('help_offers').where({ id }).first()).name, 'Ilze Kalniņa');
    await request(context.app).post(`/help/offers/${id}/delete`).type('form').send({ token }).expect(404);
  });

  it('promises a paused or withdrawn offer’s owner no emails of people to help that will not come', async () => {
    const { knex } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'nevienam@example.lv' });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const none = async (lang: string) => {
      const page = await request(context.app)
        .get(`/help/offers/${id}?token=${token}&lang=${lang}`)
        .expect(200);
      return /data-qa="no-matches">([^<]*)</.exec(page.text)?.[1];
    };
    assert.match(
      (await none('en')) ?? '',
      /^Nobody has asked you to help yet\. When the social worker asks you/,
    );
    await request(context.app).post(`/help/offers/${id}/pause`).type('form').send({ token }).expect(303);
    assert.match(
      (await none('en')) ?? '',
      /While your offer is paused, nobody will; once you start it again/,
    );
    assert.match((await none('ru')) ?? '', /Пока предложение приостановлено, никто и не попросит/);
    await request(context.app)
      .post(`/help/offers/${id}/withdraw`)
      .type('form')
      .send({ token, confirm: 'yes' })
      .expect(303);
    assert.equal(await none('en'), 'Nobody asked you to help through this offer.');
    assert.equal(await none('ru'), 'По этому предложению вас никто не просил помочь.');
    assert.equal(await none('lv'), 'Ar šo piedāvājumu neviens jums nelūdza palīdzēt.');
  });

  it('stores HTML as typed and shows it escaped, on the owner’s page and in the emails', async () => {
    const { knex } = context.services;
    const html = '<script>alert(1)</script><b>x</b>';
    // In English, whose greeting names the volunteer (Latvian's greets without: no vocative to get wrong).
    const { id, manage } = await confirmedOffer(
      context.app,
      knex,
      { name: html, times: html, about: `${html}\n&amp;`, email: 'html@example.lv' },
      'en',
    );
    const offer = await knex('help_offers').where({ id }).first();
    assert.equal(offer.name, html);
    assert.equal(offer.times, html);
    assert.equal(offer.about, `${html}\n&amp;`);
    const page = await request(context.app).get(manage).expect(200);
    assert.doesNotMatch(page.text, /<script>alert|<b>x<\/b>/);
    assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;b&gt;x&lt;\/b&gt;/);
    const email = await lastEmail(knex, 'help-offer-active', 'html@example.lv');
    assert.doesNotMatch(email.html_body, /<script>alert/);
    assert.match(email.text_body, /^Hello <script>alert\(1\)<\/script><b>x<\/b>,$/m);
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
    now = new Date('2026-12-01T10:00:01Z');
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
