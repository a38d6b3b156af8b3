import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedOffer, offerFields, sendOffer } from './help-offers-helpers.js';

/** The card of one apvienība on /help, as text. */
function card(html: string, apvieniba: string): string {
  const start = html.indexOf(`data-code="${apvieniba}"`);
  assert.ok(start > 0, `a card for ${apvieniba}`);
  return html.slice(start, html.indexOf('</section>', start));
}

const countOf = (html: string, kind: string) =>
  new RegExp(`data-kind="${kind}"><dt>[^<]*</dt><dd>([^<]*)</dd>`).exec(html)?.[1];

describe('/help and the home page: what help exists, never who', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('starts empty, with the two ways in: ask for help and offer help', async () => {
    const res = await request(context.app).get('/help?lang=en').expect(200);
    assert.match(res.text, /<h1>Help between neighbours<\/h1>/);
    assert.match(res.text, /href="\/help\/request\?lang=en" data-qa="ask-for-help">Ask for help</);
    assert.match(res.text, /href="\/help\/offer\?lang=en" data-qa="offer-help">Offer help</);
    assert.match(res.text, /There are no active offers of help in the municipality yet/);
    assert.equal(res.text.match(/data-qa="help-none"/g)?.length, 5);
    assert.match(res.text, /No organisation has chosen to be listed here yet/);
    assert.match(res.text, /data-qa="nav-help" aria-current="page"/);
  });

  it('counts one or two active offers as “fewer than 3”, and names nobody', async () => {
    const { knex } = context.services;
    await confirmedOffer(context.app, knex, {
      name: 'Ilze Slepenā',
      email: 'ilze.slepena@example.lv',
      phone: '29111111',
      share_phone: '1',
      kinds: ['transport'],
      // Two parishes of one apvienība: counted once there.
      parishes: ['kaunatas', 'griskanu'],
    });
    const res = await request(context.app).get('/help?lang=en').expect(200);
    const kaunata = card(res.text, 'kaunatas');
    assert.equal(countOf(kaunata, 'transport'), 'fewer than 3');
    assert.equal(countOf(kaunata, 'shopping'), undefined);
    assert.match(res.text, /There are fewer than 3 active offers of help/);
    assert.doesNotMatch(res.text, /Slepen|ilze\.slepena|29111111/);
    const lv = await request(context.app).get('/help').expect(200);
    assert.equal(countOf(card(lv.text, 'kaunatas'), 'transport'), 'mazāk nekā 3');
    const ru = await request(context.app).get('/help?lang=ru').expect(200);
    assert.equal(countOf(card(ru.text, 'kaunatas'), 'transport'), 'меньше 3');
  });

  it('shows the count from 3 on, and counts only active offers', async () => {
    const { knex } = context.services;
    await confirmedOffer(context.app, knex, {
      email: 'two@example.lv',
      kinds: ['transport'],
      parishes: ['kaunatas'],
    });
    await confirmedOffer(context.app, knex, {
      email: 'three@example.lv',
      kinds: ['transport', 'digital'],
      parishes: ['cornajas'],
    });
    let res = await request(context.app).get('/help?lang=en').expect(200);
    assert.equal(countOf(card(res.text, 'kaunatas'), 'transport'), '3');
    assert.equal(countOf(card(res.text, 'kaunatas'), 'digital'), 'fewer than 3');
    assert.match(res.text, /There are 3 active offers of help/);
    // Unconfirmed, paused and withdrawn offers count for nothing.
    await sendOffer(
      context.app,
      offerFields({ email: 'unconfirmed@example.lv', kinds: ['transport'] }),
    ).expect(303);
    const paused = await confirmedOffer(context.app, knex, {
      email: 'paused@example.lv',
      kinds: ['transport'],
    });
    await knex('help_offers').where({ id: paused.id }).update({ status: 'paused' });
    const gone = await confirmedOffer(context.app, knex, { email: 'gone@example.lv', kinds: ['transport'] });
    await knex('help_offers').where({ id: gone.id }).update({ status: 'withdrawn' });
    res = await request(context.app).get('/help?lang=en').expect(200);
    assert.equal(countOf(card(res.text, 'kaunatas'), 'transport'), '3');
    assert.equal(card(res.text, 'maltas').includes('data-qa="help-none"'), true);
  });

  it('lists an organisation by name only when it chose so and its offer is active, never its contacts', async () => {
    const { knex } = context.services;
    await confirmedOffer(context.app, knex, {
      offered_by: 'organisation',
      name: 'Biedrība <Kaimiņi>',
      listed: '1',
      email: 'biedriba@example.org',
      phone: '64600000',
      share_phone: '1',
      kinds: ['company', 'digital'],
      parishes: ['maltas', 'feimanu'],
    });
    await confirmedOffer(context.app, knex, {
      offered_by: 'organisation',
      name: 'Klusā draudze',
      email: 'draudze@example.org',
      kinds: ['company'],
    });
    const pausedOrg = await confirmedOffer(context.app, knex, {
      offered_by: 'organisation',
      name: 'Apturētā biedrība',
      listed: '1',
      email: 'aptureta@example.org',
    });
    await knex('help_offers').where({ id: pausedOrg.id }).update({ status: 'paused' });
    const res = await request(context.app).get('/help?lang=en').expect(200);
    assert.equal(res.text.match(/data-qa="help-organisation"/g)?.length, 1);
    assert.match(res.text, /<h3>Biedrība &lt;Kaimiņi&gt;<\/h3>/);
    assert.match(res.text, /Visits and company, Digital help \(phone, internet, e-services\)/);
    assert.match(res.text, /Feimaņi parish, Malta parish|Malta parish, Feimaņi parish/);
    assert.doesNotMatch(res.text, /Klusā draudze|Apturētā biedrība|biedriba@|64600000|@example/);
  });

  it('masks a phone number, an address or a link in an organisation’s name stored before the form refused them', async () => {
    const { knex } = context.services;
    const { id } = await confirmedOffer(context.app, knex, {
      offered_by: 'organisation',
      name: 'Palīgi',
      listed: '1',
      email: 'paligi@example.org',
      kinds: ['company'],
    });
    // The form refuses such a name now (help-offers-validation); one stored before is still masked.
    await knex('help_offers').where({ id }).update({
      name: 'Palīgi - zvaniet Aijai 26 555 777, aija@example.net, https://evil.example/pay kaimini.lv',
    });
    for (const language of ['lv', 'en', 'ru']) {
      const res = await request(context.app).get(`/help?lang=${language}`).expect(200);
      assert.match(res.text, /<h3>Palīgi - zvaniet Aijai \[…\], \[…\], \[…\] \[…\]<\/h3>/, language);
      assert.doesNotMatch(res.text, /26 555 777|aija@example|evil\.example|kaimini\.lv/, language);
    }
  });

  it('leads the home page with “Report a problem”, “Ask for help” and “Offer help”, and puts Help in the menu', async () => {
    const res = await request(context.app).get('/?lang=en').expect(200);
    const actions = /data-qa="home-actions">([\s\S]*?)<\/p>/.exec(res.text)![1]!;
    assert.deepEqual(
      [...actions.matchAll(/href="([^"]+)"[^>]*>([^<]+)</g)].map((match) => [match[1], match[2]]),
      [
        ['/reports/new?lang=en', 'Report a problem'],
        ['/help/request?lang=en', 'Ask for help'],
        ['/help/offer?lang=en', 'Offer help'],
      ],
    );
    assert.match(res.text, /<a href="\/help\?lang=en" data-qa="nav-help">Help<\/a>/);
    const ru = await request(context.app).get('/?lang=ru').expect(200);
    assert.match(ru.text, /Попросить помощи/);
    assert.match(ru.text, /Предложить помощь/);
  });
});
