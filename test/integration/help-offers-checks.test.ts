import assert from 'node:assert/strict';
import request from 'supertest';
import {
  confirmedOffer,
  count,
  lastEmail,
  linkIn,
  offerApp,
  offerFields,
  sendOffer,
} from './help-offers-helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-01-05T09:00:00Z');

describe('“still available?”: asked every three months, paused when unanswered', () => {
  const context = offerApp(START);
  const at = (days: number) => {
    context.now = new Date(START.getTime() + days * DAY);
  };
  const run = () => context.services.helpOfferChecks.runDue();
  const offer = (id: number) => context.services.knex('help_offers').where({ id }).first();
  const checkLinks = async (email: string) => {
    const text = (await lastEmail(context.services.knex, 'help-offer-check', email)).text_body;
    return {
      yes: linkIn(text, /\/check\/yes\?/),
      pause: linkIn(text, /\/check\/pause\?/),
      withdraw: linkIn(text, /\/check\/withdraw\?/),
    };
  };

  it('asks once, 91 days after confirming, in the volunteer’s language, with three one-click answers', async () => {
    const { knex } = context.services;
    const { id } = await confirmedOffer(context.app, knex, { email: 'asked@example.lv' });
    await knex('help_offers').where({ id }).update({ language: 'ru' });
    at(90);
    await run();
    assert.equal(await count(knex, 'outbox', { kind: 'help-offer-check', to_email: 'asked@example.lv' }), 0);
    at(91.01);
    assert.equal((await run()).asked, 1);
    const email = await lastEmail(knex, 'help-offer-check', 'asked@example.lv');
    assert.equal(email.subject, 'Можете ли вы ещё помочь?');
    const links = await checkLinks('asked@example.lv');
    for (const link of Object.values(links)) assert.match(link, /lang=ru/);
    assert.equal(new Date((await offer(id)).check_sent_at).toISOString(), context.now.toISOString());
    await run();
    assert.equal(await count(knex, 'outbox', { kind: 'help-offer-check', to_email: 'asked@example.lv' }), 1);
  });

  it('answers “yes” only by the button: the offer stays active, asked again three months later', async () => {
    const { knex } = context.services;
    const { id } = await confirmedOffer(context.app, knex, { email: 'yes@example.lv' });
    at(92);
    await run();
    const links = await checkLinks('yes@example.lv');
    const page = await request(context.app).get(links.yes).expect(200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.text, /data-qa="confirm-form"/);
    assert.ok((await offer(id)).check_sent_at, 'a GET answers nothing');
    at(93);
    const done = await request(context.app).post(links.yes).expect(200);
    assert.match(done.text, /data-answered="no"/);
    assert.match(done.text, /Jūsu piedāvājums paliek aktīvs/);
    let row = await offer(id);
    assert.equal(row.status, 'active');
    assert.equal(row.check_sent_at, null);
    assert.equal(new Date(row.checked_at).toISOString(), context.now.toISOString());
    // The same link again: already answered, nothing changes.
    at(94);
    const again = await request(context.app).post(links.yes.replace('lang=lv', 'lang=en')).expect(200);
    assert.match(again.text, /This question has already been answered/);
    // Answered, the link leads to the offer no more (a browser's history, a forwarded email): the
    // first answer's page gave the private link, the volunteer's emails carry it.
    assert.match(done.text, /data-qa="manage-link"/);
    for (const replay of [again, await request(context.app).get(links.yes).expect(200)]) {
      assert.doesNotMatch(replay.text, /data-qa="manage-link"|\/help\/offers\/\d+\?token=/);
      assert.match(replay.text, /data-qa="manage-emailed"/);
    }
    assert.equal(
      new Date((await offer(id)).checked_at).toISOString(),
      new Date(START.getTime() + 93 * DAY).toISOString(),
    );
    // Not asked again before 91 days from the answer; then a new round, and the old links are dead.
    at(93 + 90);
    await run();
    assert.equal(await count(knex, 'outbox', { kind: 'help-offer-check', to_email: 'yes@example.lv' }), 1);
    at(93 + 92);
    await run();
    assert.equal(await count(knex, 'outbox', { kind: 'help-offer-check', to_email: 'yes@example.lv' }), 2);
    await request(context.app).post(links.pause).expect(410);
    row = await offer(id);
    assert.equal(row.status, 'active');
    assert.ok(row.check_sent_at);
  });

  it('pauses an offer whose question is unanswered for 14 days, and tells the volunteer', async () => {
    const { knex } = context.services;
    const { id } = await confirmedOffer(context.app, knex, { email: 'silent@example.lv' });
    at(92);
    await run();
    at(92 + 13.9);
    assert.equal((await run()).paused, 0);
    assert.equal((await offer(id)).status, 'active');
    at(92 + 14.01);
    assert.equal((await run()).paused, 1);
    const row = await offer(id);
    assert.equal(row.status, 'paused');
    assert.equal(new Date(row.paused_at).toISOString(), context.now.toISOString());
    const email = await lastEmail(knex, 'help-offer-paused', 'silent@example.lv');
    assert.equal(email.subject, 'Jūsu palīdzības piedāvājums ir apturēts');
    assert.match(linkIn(email.text_body, /\/help\/offers\/\d+\?token=/), new RegExp(`/help/offers/${id}\\?`));
    await run();
    assert.equal(
      await count(knex, 'outbox', { kind: 'help-offer-paused', to_email: 'silent@example.lv' }),
      1,
    );
    // Paused offers are not asked again.
    at(92 + 200);
    await run();
    assert.equal(await count(knex, 'outbox', { kind: 'help-offer-check', to_email: 'silent@example.lv' }), 1);
  });

  it('takes a late “yes” from the same email: the paused offer is active again', async () => {
    const { knex } = context.services;
    const { id } = await confirmedOffer(context.app, knex, { email: 'late@example.lv' });
    at(92);
    await run();
    const links = await checkLinks('late@example.lv');
    at(110);
    await run();
    assert.equal((await offer(id)).status, 'paused');
    await request(context.app).post(links.yes).expect(200);
    const row = await offer(id);
    assert.equal(row.status, 'active');
    assert.equal(row.paused_at, null);
  });

  it('pauses or withdraws by the other two answers', async () => {
    const { knex } = context.services;
    const paused = await confirmedOffer(context.app, knex, { email: 'pause@example.lv' });
    const withdrawn = await confirmedOffer(context.app, knex, { email: 'withdraw@example.lv' });
    at(92);
    await run();
    await request(context.app)
      .post((await checkLinks('pause@example.lv')).pause)
      .expect(200);
    const done = await request(context.app)
      .post((await checkLinks('withdraw@example.lv')).withdraw)
      .expect(200);
    assert.match(done.text, /Jūsu piedāvājums ir atsaukts/);
    assert.equal((await offer(paused.id)).status, 'paused');
    assert.equal((await offer(withdrawn.id)).status, 'withdrawn');
  });

  it('refuses a forged, swapped or expired answer link, and an answer that does not exist', async () => {
    const { knex } = context.services;
    const { id } = await confirmedOffer(context.app, knex, { email: 'forged@example.lv' });
    at(92);
    await run();
    const links = await checkLinks('forged@example.lv');
    const token = new URL(links.yes, 'http://x').searchParams.get('token')!;
    await request(context.app)
      .get(`/help/offers/${id}/check/yes?token=${token.slice(0, -3)}abc`)
      .expect(404);
    // A "yes" token does not answer "withdraw", nor another offer's question.
    await request(context.app).post(`/help/offers/${id}/check/withdraw?token=${token}`).expect(404);
    await request(context.app)
      .post(`/help/offers/${id + 1}/check/yes?token=${token}`)
      .expect(404);
    await request(context.app).post(`/help/offers/${id}/check/maybe?token=${token}`).expect(404);
    await request(context.app).post(`/help/offers/${id}/check/yes`).expect(404);
    assert.equal((await offer(id)).status, 'active');
    at(92 + 61);
    const expired = await request(context.app)
      .post(`${links.withdraw}`.replace('lang=lv', 'lang=en'))
      .expect(410);
    assert.match(expired.text, /This link has expired/);
    assert.notEqual((await offer(id)).status, 'withdrawn');
  });

  it('deletes offers nobody confirmed within 14 days, and keeps younger ones', async () => {
    const { knex } = context.services;
    await sendOffer(context.app, offerFields({ email: 'never@example.lv' })).expect(303);
    at(10);
    await sendOffer(context.app, offerFields({ email: 'recent@example.lv' })).expect(303);
    at(14.01);
    await run();
    assert.equal(await count(knex, 'help_offers', { email: 'never@example.lv' }), 0);
    assert.equal(await count(knex, 'help_offers', { email: 'recent@example.lv' }), 1);
  });
});
