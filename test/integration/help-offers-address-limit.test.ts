import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedOffer, count, encode, offerFields } from './help-offers-helpers.js';

/**
 * A new address typed on the volunteer's own page gets a link by email. Saving the page is not
 * limited otherwise, so each such link is counted: per offer, and per address with the offer
 * form's emails to it. Without that, one confirmed offer could mail any address without end.
 */
describe('links to a new address from the volunteer’s own page', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  const saver = async (email: string) => {
    const { knex } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email });
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const save = (to: string, lang = 'en') =>
      request(context.app)
        .post(`/help/offers/${id}?lang=${lang}`)
        .type('form')
        .send(encode({ ...offerFields({ email: to, times: 'vakaros' }), token }));
    return { id, save };
  };
  const links = (to?: string) =>
    count(context.services.knex, 'outbox', { kind: 'help-offer-email', ...(to ? { to_email: to } : {}) });

  it('sends at most three an hour from one offer, then keeps the form and saves nothing', async () => {
    const { knex } = context.services;
    const { id, save } = await saver('sava@example.lv');
    for (const to of ['a1@example.org', 'a2@example.org', 'a3@example.org']) await save(to).expect(303);
    assert.equal(await links(), 3);
    const refused = await save('a4@example.org').expect(429);
    assert.match(
      refused.text,
      /A link to a new address has already been sent several times in the last hour/,
    );
    assert.match(refused.text, /value="a4@example\.org"/);
    assert.match(refused.text, /href="#field-email"/);
    assert.equal(await links(), 3);
    const offer = await knex('help_offers').where({ id }).first();
    assert.deepEqual(
      [offer.email, offer.pending_email, offer.times],
      ['sava@example.lv', 'a3@example.org', 'vakaros'],
    );
    // Latvian and Russian say so too.
    assert.match((await save('a5@example.org', 'lv').expect(429)).text, /Saite uz jaunu adresi/);
    assert.match((await save('a5@example.org', 'ru').expect(429)).text, /Ссылка на новый адрес/);
    // Going back to the proven address, or saving with the waiting one, sends nothing and is not refused.
    await save('a3@example.org').expect(303);
    await save('sava@example.lv').expect(303);
    assert.equal(await links(), 3);
  });

  it('alternating two addresses does not get round it', async () => {
    const { save } = await saver('mainas@example.lv');
    for (let i = 0; i < 3; i += 1) await save(i % 2 ? 'b@example.org' : 'c@example.org').expect(303);
    await save('b@example.org').expect(429);
    assert.equal((await links('b@example.org')) + (await links('c@example.org')), 3);
  });

  it('sends one address at most three offer emails an hour, whichever offers ask', async () => {
    const owners = [await saver('viens@example.lv'), await saver('divi@example.lv')];
    await owners[0]!.save('upuris@example.org').expect(303);
    await owners[1]!.save('upuris@example.org').expect(303);
    await owners[0]!.save('viens@example.lv').expect(303);
    await owners[0]!.save('upuris@example.org').expect(303);
    await owners[1]!.save('divi@example.lv').expect(303);
    await owners[1]!.save('upuris@example.org').expect(429);
    assert.equal(await links('upuris@example.org'), 3);
  });

  it('counts subaddresses of one mailbox as that mailbox', async () => {
    // `upuris+1@…` is delivered to `upuris@…`: each new tag must not be a fresh budget.
    const owners = [await saver('tris@example.lv'), await saver('cetri@example.lv')];
    await owners[0]!.save('upuris2+1@example.org').expect(303);
    await owners[1]!.save('Upuris2+2@example.org').expect(303);
    await owners[0]!.save('upuris2@example.org').expect(303);
    await owners[1]!.save('upuris2+3@example.org').expect(429);
  });
});
