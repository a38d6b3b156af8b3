import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { count, encode, offerFields, sendOffer, type Fields } from './help-offers-helpers.js';

/** What the database holds of offers and their emails: nothing of it may change on a refusal. */
async function written(context: TestContext) {
  const { knex } = context.services;
  return Promise.all(
    ['help_offers', 'help_offer_kinds', 'help_offer_parishes', 'outbox'].map((table) => count(knex, table)),
  );
}

describe('offering help: every bad input gets a translated message, the form back, and nothing stored', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  /** Sends the form with `changes`, expects it back (422) with `message` at `field`, nothing written. */
  async function refused(changes: Fields, field: string, message: RegExp, lang = 'en') {
    const before = await written(context);
    const res = await sendOffer(context.app, offerFields(changes), lang).expect(422);
    assert.match(res.text, /data-qa="error-summary"/);
    assert.match(res.text, new RegExp(`href="#field-${field}"`), `the summary links to ${field}`);
    assert.match(res.text, new RegExp(`data-qa="error-${field}"`), `the message sits at ${field}`);
    assert.match(res.text, message);
    assert.deepEqual(await written(context), before);
    return res;
  }

  it('refuses an offer with no way to reach the volunteer: neither email nor phone may be passed on', async () => {
    await refused(
      { share_email: undefined, share_phone: undefined },
      'share',
      /Tick what we may give: your email, your phone or both/,
    );
  });

  it('refuses “share my phone” without a phone number', async () => {
    await refused(
      { share_phone: '1', phone: '' },
      'phone',
      /Enter a phone number, or untick “My phone number”/,
    );
  });

  it('refuses an offer without a parish, and a parish that does not exist', async () => {
    await refused({ parishes: undefined }, 'parishes', /Tick at least one parish where you can help/);
    await refused({ parishes: ['kaunatas', 'atlantis'] }, 'parishes', /Choose the parishes from the list/);
  });

  it('refuses an offer without a kind of help, and a kind that does not exist', async () => {
    await refused({ kinds: undefined }, 'kinds', /Tick at least one kind of help/);
    await refused({ kinds: ['<b>juggling</b>'] }, 'kinds', /Choose the kinds of help from the list/);
  });

  it('refuses an email field with two addresses, or with a line break that could add a header', async () => {
    const res = await refused(
      { email: 'a@x.lv, b@x.lv' },
      'email',
      /Enter one email address, like name@example\.lv/,
    );
    assert.match(res.text, /value="a@x\.lv, b@x\.lv"/);
    await refused({ email: 'a@x.lv\nBcc: b@x.lv' }, 'email', /Enter one email address/);
    await refused({ email: '' }, 'email', /Enter your email address/);
  });

  it('refuses an offer that says neither when nor “ask me”', async () => {
    await refused(
      { days: undefined, times: '' },
      'days',
      /Tick the days, say at what time, or tick “Ask me”/,
    );
  });

  it('refuses a missing name, a crafted choice of who offers, no language, and too much text', async () => {
    await refused({ name: '   ' }, 'name', /Enter your name or the organisation’s name/);
    await refused({ name: 'x'.repeat(121) }, 'name', /120 characters or fewer/);
    await refused(
      { offered_by: 'government' },
      'offeredBy',
      /Say whether you offer help as a private person or an organisation/,
    );
    await refused({ speaks: undefined }, 'speaks', /Tick at least one language/);
    await refused({ speaks: ['lv', 'klingon'] }, 'speaks', /Choose the languages from the list/);
    await refused({ days: ['someday'] }, 'days', /Choose the days from the list/);
    await refused({ about: 'x'.repeat(1001) }, 'about', /1,000 characters or fewer/);
  });

  it('refuses a person’s name holding a link or a contact: it greets an email to an address nobody proved yet', async () => {
    const name = 'Swedbank: your account is locked, log in at https://evil.example/x';
    const res = await refused(
      { name, email: 'stranger@example.org' },
      'name',
      /Write your name without a phone number, email address or link/,
    );
    assert.ok(res.text.includes(`value="${name}"`), 'the form is refilled as typed');
    await refused(
      { name: 'Ilze, zvaniet 29123456' },
      'name',
      /Ierakstiet savu vārdu bez tālruņa numura/,
      'lv',
    );
    await refused({ name: 'ilze@example.lv' }, 'name', /Напишите своё имя без номера телефона/, 'ru');
    assert.equal(await count(context.services.knex, 'outbox'), 0, 'no confirmation was emailed');
  });

  it('refuses an organisation’s name holding a phone number, an email address or a link, in every language', async () => {
    const organisation = { offered_by: 'organisation', listed: '1' };
    for (const name of [
      'Zvaniet 29123456 vai janis@example.org https://evil.example',
      'Biedrība Kaimiņi, tālr. 26 555 777',
      'Kaimiņi (janis at example dot org)',
      'Kaimiņi www.kaimini.lv',
      'Kaimiņi kaimini.lv',
    ]) {
      const res = await refused(
        { ...organisation, name },
        'name',
        /Write the organisation’s name without a phone number, email address or link/,
      );
      // The form comes back with the name as typed, to be corrected.
      assert.ok(res.text.includes(`value="${name}"`), `the form is refilled with ${name}`);
    }
    const name = 'Zvaniet 29123456 vai https://evil.example';
    await refused({ ...organisation, name }, 'name', /bez tālruņa numura, e-pasta adreses vai saites/, 'lv');
    await refused(
      { ...organisation, name },
      'name',
      /без номера телефона, адреса электронной почты или ссылки/,
      'ru',
    );
    // A name with numbers that are no contact is an organisation's name as any other.
    await sendOffer(
      context.app,
      offerFields({ ...organisation, name: 'Biedrība “R.Blaumaņa 2000”', email: 'org2000@example.lv' }),
      'en',
    ).expect(303);
  });

  it('refuses a capacity that is not a number from 1 to 10, and a phone number with letters or too short', async () => {
    for (const capacity of ['0', '11', 'abc', '', '1.5'])
      await refused({ capacity }, 'capacity', /Enter a number from 1 to 10/);
    for (const phone of ['call me <b>maybe</b>', '123', '+(1) 2-3'])
      await refused({ phone, share_phone: '1' }, 'phone', /Enter a phone number of at least 6 digits/);
    // As every form takes it: dots and slashes as people write a number.
    await sendOffer(
      context.app,
      offerFields({ phone: '29.12.34.56', share_phone: '1', email: 'dots@example.lv' }),
      'en',
    ).expect(303);
  });

  it('shows every problem of an empty form at once, in the summary and at each field', async () => {
    const before = await written(context);
    const res = await request(context.app).post('/help/offer?lang=en').type('form').send('').expect(422);
    for (const field of [
      'offeredBy',
      'name',
      'kinds',
      'parishes',
      'days',
      'speaks',
      'capacity',
      'email',
      'share',
    ])
      assert.match(res.text, new RegExp(`href="#field-${field}"`), field);
    assert.match(res.text, /<title>Error: Offer help — Tilts<\/title>/);
    assert.deepEqual(await written(context), before);
  });

  it('says what is wrong in Latvian and Russian too', async () => {
    await refused({ parishes: undefined }, 'parishes', /Atzīmējiet vismaz vienu pagastu/, 'lv');
    await refused({ kinds: undefined }, 'kinds', /Отметьте хотя бы один вид помощи/, 'ru');
    await refused({ share_email: undefined }, 'share', /Отметьте, что мы можем передать/, 'ru');
  });

  it('gives back HTML typed in any field escaped, exactly as typed', async () => {
    const html = '<script>alert("x")</script>';
    const res = await refused(
      { name: html, times: html, about: html, email: `${html}@x.lv`, parishes: undefined },
      'parishes',
      /Tick at least one parish/,
    );
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.equal(res.text.split('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;').length - 1, 4);
  });

  it('keeps a time typed over 200 characters out, with its own message', async () => {
    await refused({ times: 'x'.repeat(201) }, 'times', /The time must be 200 characters or fewer/);
  });

  it('never lists an individual by name, whatever the form says', async () => {
    const { knex } = context.services;
    await sendOffer(context.app, offerFields({ listed: '1', email: 'solo@example.lv' })).expect(303);
    assert.equal((await knex('help_offers').where({ email: 'solo@example.lv' }).first()).listed, false);
  });

  it('survives a crafted body: repeated text fields, huge lists, odd encodings', async () => {
    const res = await request(context.app)
      .post('/help/offer?lang=en')
      .type('form')
      .send(`${encode(offerFields({ parishes: undefined }))}&name=second&parishes=%00&capacity=2&capacity=3`)
      .expect(422);
    assert.match(res.text, /Choose the parishes from the list/);
    const many = encode(offerFields({ kinds: Array.from({ length: 300 }, () => 'transport') }));
    const big = await request(context.app).post('/help/offer').type('form').send(many);
    assert.ok(big.status < 500, `no server error (${big.status})`);
  });
});
