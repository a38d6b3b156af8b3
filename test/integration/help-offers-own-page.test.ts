import assert from 'node:assert/strict';
import request from 'supertest';
import { confirmedOffer, encode, lastEmail, offerApp, offerFields } from './help-offers-helpers.js';

describe('the volunteer’s own page: opened by its token, its form and its buttons', () => {
  const context = offerApp();

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
});
