import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { count, offerFields, sendOffer } from './help-offers-helpers.js';
import { postRequest, requestFields } from './help-requests-helpers.js';

/** The submission key a form page carries in its hidden field. */
function keyIn(html: string): string {
  const key = /<input type="hidden" name="submission_key" value="([A-Za-z0-9_-]+)">/.exec(html)?.[1];
  assert.ok(key, 'the form carries a submission key');
  return key;
}

describe('a help form sent twice (a double click, a resend after a slow link) makes one offer or request', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('gives each render of the offer form a key of its own', async () => {
    const first = keyIn((await request(context.app).get('/help/offer').expect(200)).text);
    const second = keyIn((await request(context.app).get('/help/offer').expect(200)).text);
    assert.notEqual(first, second);
  });

  it('answers an offer sent again with the same page, and makes and emails nothing more', async () => {
    const { app, services } = context;
    const key = keyIn((await request(app).get('/help/offer').expect(200)).text);
    const fields = offerFields({ email: 'divreiz@example.lv', submission_key: key });
    const first = await sendOffer(app, fields).expect(303);
    const again = await sendOffer(app, fields).expect(303);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(await count(services.knex, 'help_offers', { email: 'divreiz@example.lv' }), 1);
    assert.equal(
      await count(services.knex, 'outbox', { kind: 'help-offer-confirm', to_email: 'divreiz@example.lv' }),
      1,
    );
    // The resend counted toward no limit: three more offers from this address are still taken.
    for (const n of [1, 2]) {
      await sendOffer(app, offerFields({ email: 'divreiz@example.lv', name: `Ilze ${n}` })).expect(303);
    }
    assert.equal(await count(services.knex, 'help_offers', { email: 'divreiz@example.lv' }), 3);
  });

  it('keeps the key when the offer form comes back to be corrected, and takes the corrected one once', async () => {
    const { app, services } = context;
    const key = keyIn((await request(app).get('/help/offer').expect(200)).text);
    const wrong = await sendOffer(
      app,
      offerFields({ email: 'labo@example.lv', kinds: [], submission_key: key }),
    ).expect(422);
    assert.equal(keyIn(wrong.text), key);
    assert.equal(await count(services.knex, 'help_offers', { email: 'labo@example.lv' }), 0);
    const fixed = offerFields({ email: 'labo@example.lv', submission_key: key });
    await sendOffer(app, fixed).expect(303);
    await sendOffer(app, fixed).expect(303);
    assert.equal(await count(services.knex, 'help_offers', { email: 'labo@example.lv' }), 1);
  });

  it('still takes a form with no key (a page from before) or a malformed one, as before', async () => {
    const { app, services } = context;
    await sendOffer(app, offerFields({ email: 'veca@example.lv' })).expect(303);
    // Another offer (the same form again within half an hour would be the first: help-offers-resend).
    const another = { email: 'veca@example.lv', name: 'Ilze Kalniņa 2', submission_key: 'x' };
    await sendOffer(app, offerFields(another)).expect(303);
    assert.equal(await count(services.knex, 'help_offers', { email: 'veca@example.lv' }), 2);
  });

  it('answers a request sent again with the same page and number, and makes and emails nothing more', async () => {
    const { app, services } = context;
    const form = await request(app).get('/help/request').expect(200);
    const key = keyIn(form.text);
    assert.notEqual(keyIn((await request(app).get('/help/request').expect(200)).text), key);
    const fields = requestFields({ email: 'lugums@example.lv', submission_key: key });
    const reports = await count(services.knex, 'reports');
    const first = await postRequest(context, fields).expect(303);
    const emails = await count(services.knex, 'outbox');
    const again = await postRequest(context, fields).expect(303);
    assert.match(first.headers.location ?? '', /^\/help\/request\/sent\?ref=RZN-\d{4}-\d+&by=email$/);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(await count(services.knex, 'reports'), reports + 1);
    assert.equal(await count(services.knex, 'help_requests'), reports + 1);
    assert.equal(await count(services.knex, 'outbox'), emails, 'no email more');
  });

  it('keeps the key when the request form comes back to be corrected', async () => {
    const { app } = context;
    const key = keyIn((await request(app).get('/help/request').expect(200)).text);
    const wrong = await postRequest(context, requestFields({ description: '', submission_key: key })).expect(
      422,
    );
    assert.equal(keyIn(wrong.text), key);
  });

  it('makes one offer and one request when the same form arrives twice at the same moment (PostgreSQL)', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip();
    const { app, services } = context;
    const offerKey = keyIn((await request(app).get('/help/offer').expect(200)).text);
    const offer = offerFields({ email: 'vienlaikus@example.lv', submission_key: offerKey });
    const offers = await Promise.all([sendOffer(app, offer), sendOffer(app, offer), sendOffer(app, offer)]);
    for (const res of offers) assert.equal(res.headers.location, '/help/offer/sent');
    assert.equal(await count(services.knex, 'help_offers', { email: 'vienlaikus@example.lv' }), 1);
    assert.equal(
      await count(services.knex, 'outbox', { kind: 'help-offer-confirm', to_email: 'vienlaikus@example.lv' }),
      1,
    );

    const requestKey = keyIn((await request(app).get('/help/request').expect(200)).text);
    // A phone of its own: with the first test's phone and words it would be that request sent again.
    const fields = requestFields({
      email: 'vienlaikus@example.lv',
      phone: '2000 0777',
      submission_key: requestKey,
    });
    const reports = await count(services.knex, 'reports');
    const answers = await Promise.all([
      postRequest(context, fields),
      postRequest(context, fields),
      postRequest(context, fields),
    ]);
    for (const res of answers) {
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, answers[0]!.headers.location);
    }
    assert.equal(await count(services.knex, 'reports'), reports + 1);
    assert.equal(
      await count(services.knex, 'outbox', {
        kind: 'help-request-received',
        to_email: 'vienlaikus@example.lv',
      }),
      1,
    );
  });
});
