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
  sendOffer,
} from './help-offers-helpers.js';

/**
 * A volunteer's emailed links, opened: the page says at once what pressing the button would say
 * when the link cannot act any more, and shows the button only when it can.
 */
describe('opening a volunteer’s emailed link that cannot act any more', () => {
  const context = offerApp();

  const noButton = (html: string) => assert.doesNotMatch(html, /data-qa="confirm-form"|<form method="post"/);

  it('says on opening a used confirmation link that the offer is already confirmed, and sends nothing', async () => {
    const { knex } = context.services;
    const { id, confirm } = await confirmedOffer(context.app, knex, { email: 'atkal@example.lv' });
    const emails = await count(knex, 'outbox', { to_email: 'atkal@example.lv' });
    const page = await request(context.app)
      .get(`${confirm.replace(/\?.*/, '')}?lang=en`)
      .expect(200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.text, /Your offer is already confirmed/);
    assert.match(page.text, /data-qa="offer-confirmed" data-outcome="already" data-status="active"/);
    // Opened again (a forwarded email, a browser's history), it never gives the private link: it
    // says where that went, and the email it names holds it.
    assert.doesNotMatch(page.text, /data-qa="manage-link"|token=/);
    assert.match(page.text, /data-qa="manage-emailed"/);
    assert.match(page.text, /the email “Your offer of help is confirmed”/);
    const active = await lastEmail(knex, 'help-offer-active', 'atkal@example.lv');
    assert.match(active.text_body, new RegExp(`/help/offers/${id}\\?token=`));
    noButton(page.text);
    // Paused since: the page says so, as the button's would.
    await knex('help_offers').where({ id }).update({ status: 'paused' });
    const paused = await request(context.app)
      .get(`${confirm.replace(/\?.*/, '')}?lang=en`)
      .expect(200);
    assert.match(paused.text, /data-status="paused"/);
    noButton(paused.text);
    assert.equal(await count(knex, 'outbox', { to_email: 'atkal@example.lv' }), emails);
  });

  it('says on opening an expired or forged confirmation link that it does not work, and confirms nothing', async () => {
    const { knex } = context.services;
    await sendOffer(context.app, offerFields({ email: 'velu@example.lv' })).expect(303);
    const link = linkIn(
      (await lastEmail(knex, 'help-offer-confirm', 'velu@example.lv')).text_body,
      /\/confirm\//,
    ).replace(/\?.*/, '');
    context.now = new Date('2026-12-08T09:00:01Z');
    const late = await request(context.app).get(`${link}?lang=en`).expect(410);
    assert.match(late.text, /This link has expired/);
    assert.match(late.text, /data-reason="expired"/);
    noButton(late.text);
    context.now = new Date('2026-12-01T09:00:00Z');
    const [subject, expires] = link.slice(link.lastIndexOf('/') + 1).split('.');
    for (const forged of [`${subject}.${expires}.${'A'.repeat(32)}`, 'garbage']) {
      const page = await request(context.app).get(`/help/offers/confirm/${forged}?lang=en`).expect(404);
      assert.match(page.text, /This link does not work/);
      noButton(page.text);
    }
    assert.equal(
      (await knex('help_offers').where({ email: 'velu@example.lv' }).first()).status,
      'unconfirmed',
    );
    // The good link, not yet used, still asks with its button.
    const fresh = await request(context.app).get(link).expect(200);
    assert.match(fresh.text, /data-qa="confirm-form"/);
  });

  it('says on opening a new address’s link that it was used, replaced or has expired; a waiting one asks', async () => {
    const { knex } = context.services;
    const { id, save, linkTo } = await offerChangingAddress(context.app, knex, 'veca@example.lv');
    await save('kluda@exmaple.lv');
    const typo = await linkTo('kluda@exmaple.lv');
    await save('jauna@example.lv');
    const right = await linkTo('jauna@example.lv');
    // Replaced by a later address: the typo's link does not work, without a button to press.
    const replaced = await request(context.app).get(`${typo}?lang=en`).expect(404);
    assert.match(replaced.text, /This link does not work/);
    noButton(replaced.text);
    // The waiting address's link asks; a week later it has expired.
    assert.match((await request(context.app).get(right).expect(200)).text, /<form method="post"/);
    context.now = new Date('2026-12-08T09:00:01Z');
    const late = await request(context.app).get(`${right}?lang=en`).expect(410);
    assert.match(late.text, /This link has expired/);
    noButton(late.text);
    context.now = new Date('2026-12-01T09:00:00Z');
    // Pressed: the address is the offer's, and the page gives the private link once, as the email does.
    const changed = await request(context.app).post(right).set('Origin', 'http://tilts.test').expect(200);
    assert.match(changed.text, /data-qa="email-confirmed" data-outcome="changed"/);
    assert.match(changed.text, /data-qa="manage-link"/);
    assert.match(changed.text, new RegExp(`/help/offers/${id}\\?token=`));
    const emails = await count(knex, 'outbox', { to_email: 'jauna@example.lv' });
    const active = await lastEmail(knex, 'help-offer-address', 'jauna@example.lv');
    assert.match(active.text_body, new RegExp(`/help/offers/${id}\\?token=`));
    // Used: the page says the address is already the offer's and sends nothing. Opened again (a
    // forwarded email, a browser's history), it never gives the private link: it says where it went.
    const used = await request(context.app).get(`${right}?lang=en`).expect(200);
    assert.match(used.text, /data-qa="email-confirmed" data-outcome="already"/);
    assert.match(used.text, /jauna@example\.lv/);
    assert.doesNotMatch(used.text, /data-qa="manage-link"|token=/);
    assert.match(used.text, /data-qa="manage-emailed"/);
    assert.match(used.text, /the email “Your offer of help is confirmed”/);
    assert.match(used.text, /the email “Your offer of help now uses this email address”/);
    noButton(used.text);
    assert.equal(await count(knex, 'outbox', { to_email: 'jauna@example.lv' }), emails);
    assert.equal((await knex('help_offers').where({ id }).first()).email, 'jauna@example.lv');
  });
  it('drops a new address waiting for proof when the offer is withdrawn, and its links say it was withdrawn', async () => {
    const { knex } = context.services;
    const { id, manage, confirm } = await confirmedOffer(context.app, knex, { email: 'prom@example.lv' });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    await request(context.app)
      .post(`/help/offers/${id}`)
      .type('form')
      .send(encode({ ...offerFields({ email: 'cita@example.lv' }), token }))
      .expect(303);
    const link = /http:\/\/tilts\.test(\/help\/offers\/email\/[^\s?"]+)/.exec(
      (await lastEmail(knex, 'help-offer-email', 'cita@example.lv')).text_body,
    )![1]!;
    await request(context.app)
      .post(`/help/offers/${id}/withdraw`)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, confirm: 'yes' })
      .expect(303);
    assert.equal((await knex('help_offers').where({ id }).first()).pending_email, null);
    const own = await request(context.app).get(`/help/offers/${id}?token=${token}&lang=en`).expect(200);
    assert.doesNotMatch(own.text, /data-qa="email-pending"/);
    for (const opened of [
      await request(context.app).get(`${link}?lang=en`).expect(410),
      await request(context.app).post(`${link}?lang=en`).set('Origin', 'http://tilts.test').expect(410),
    ]) {
      assert.match(opened.text, /This offer was withdrawn/);
      noButton(opened.text);
    }
    assert.equal((await knex('help_offers').where({ id }).first()).email, 'prom@example.lv');
    // The confirmation link says it too, with no way to "change, pause or withdraw" what is gone.
    const confirmed = await request(context.app)
      .get(`${confirm.replace(/\?.*/, '')}?lang=en`)
      .expect(200);
    assert.match(confirmed.text, /data-status="withdrawn"/);
    assert.doesNotMatch(confirmed.text, /data-qa="manage-link"/);
  });
});
