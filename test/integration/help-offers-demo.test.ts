import assert from 'node:assert/strict';
import request from 'supertest';
import { seedDemoHelpOffers } from '../../seeds/demo-help-offers.js';
import { makeApp, type TestContext } from '../support/app.js';

describe('the demo offers of help', () => {
  let context: TestContext;
  const NOW = new Date('2026-12-01T12:00:00Z');
  before(async () => {
    context = await makeApp({}, { clock: () => NOW });
  });

  it('are a handful in several parishes, of every state, at example.org, with no phone numbers', async () => {
    const { knex } = context.services;
    assert.ok((await seedDemoHelpOffers(knex, { now: NOW })) >= 5);
    const offers = (await knex('help_offers').select('*')) as {
      email: string;
      phone: string | null;
      status: string;
    }[];
    for (const offer of offers) {
      assert.match(offer.email, /^[a-z0-9._-]+@example\.org$/);
      assert.equal(offer.phone, null);
    }
    assert.deepEqual([...new Set(offers.map((offer) => offer.status))].sort(), [
      'active',
      'paused',
      'unconfirmed',
    ]);
    const parishes = await knex('help_offer_parishes').distinct('parish_code').pluck('parish_code');
    assert.ok(parishes.length >= 8);
  });

  it('fill /help: counts, and one organisation listed by name', async () => {
    const res = await request(context.app).get('/help?lang=en').expect(200);
    assert.match(res.text, /Biedrība “Kaunatas kaimiņi”/);
    assert.match(res.text, /data-kind="transport"><dt>[^<]+<\/dt><dd>3<\/dd>/);
    assert.doesNotMatch(res.text, /@example\.org|Jānis Ozols|Marija Volkova/);
  });

  it('are asked nothing on the first run of the scheduler, and are never loaded twice', async () => {
    const { knex } = context.services;
    assert.deepEqual(await context.services.helpOfferChecks.runDue(), { asked: 0, paused: 0, purged: 0 });
    const before = await knex('help_offers').count({ n: '*' }).first();
    assert.equal(await seedDemoHelpOffers(knex, { now: NOW }), 0);
    assert.deepEqual(await knex('help_offers').count({ n: '*' }).first(), before);
  });
});
