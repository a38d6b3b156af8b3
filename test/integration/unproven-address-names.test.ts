import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { confirmedOffer, lastEmail } from './help-offers-helpers.js';
import { postForm, validFields } from './report-form-helpers.js';

/*
 * A name typed by whoever filled a form, in an email to an address nobody has proven yet: the
 * greeting and the To header leave out a name that holds a link or a contact, whenever it was
 * stored (names were not always checked, and a reporter's unshown name is not checked at all).
 */

const PHISHING = /evil\.click|29\s?123\s?456/i;

describe('emails to an address not proven yet: no link or contact in a name they greet or address', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('a new address of an offer whose name was stored before names were checked is greeted without it', async () => {
    const { knex, helpOffers } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'vecais@example.lv' }, 'en');
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    // As an offer made before the form refused such a name keeps it.
    await knex('help_offers').where({ id }).update({ name: 'Swedbank: log in at evil.click' });
    const stored = (await helpOffers.owned(id, token))!;
    await helpOffers.update(id, token, { ...stored, email: 'upuris@example.lv' });
    const proof = await lastEmail(knex, 'help-offer-email', 'upuris@example.lv');
    for (const part of [proof.subject, proof.text_body, proof.html_body])
      assert.doesNotMatch(part, /evil\.click|Swedbank/, part);
    assert.match(proof.text_body, /^Hello,$/m);
    const row = await knex('outbox')
      .where({ kind: 'help-offer-email', to_email: 'upuris@example.lv' })
      .first();
    assert.equal(row.to_name, null);
  });

  it('an offer’s name without a link still greets the new address, and names it', async () => {
    const { knex, helpOffers } = context.services;
    const { id, manage } = await confirmedOffer(context.app, knex, { email: 'ilze-v@example.lv' }, 'ru');
    const token = new URL(manage, 'http://x').searchParams.get('token')!;
    const stored = (await helpOffers.owned(id, token))!;
    await helpOffers.update(id, token, { ...stored, email: 'ilze-j@example.lv' });
    const proof = await lastEmail(knex, 'help-offer-email', 'ilze-j@example.lv');
    assert.match(proof.text_body, /^Здравствуйте, Ilze Kalniņa!$/m);
    const row = await knex('outbox')
      .where({ kind: 'help-offer-email', to_email: 'ilze-j@example.lv' })
      .first();
    assert.equal(row.to_name, 'Ilze Kalniņa');
  });

  it('a reporter’s unshown name holding a link or a number is not the To header of the confirmation', async () => {
    const { app, services } = context;
    await postForm(
      app,
      validFields({
        name: 'Konts bloķēts, evil.click, zvaniet 29 123 456',
        email: 'upuris-vards@example.lv',
      }),
      { extra: [['reviewed', '1']] },
    ).expect(303);
    const row = await services
      .knex('outbox')
      .where({ kind: 'report-confirm', to_email: 'upuris-vards@example.lv' })
      .first();
    assert.ok(row, 'the confirmation went');
    assert.equal(row.to_name, null);
    for (const part of [row.subject, row.text_body, row.html_body]) assert.doesNotMatch(part, PHISHING);
    // A plain name is still the To header's.
    await postForm(app, validFields({ email: 'anna-vards@example.lv' }), {
      extra: [['reviewed', '1']],
    }).expect(303);
    const plain = await services
      .knex('outbox')
      .where({ kind: 'report-confirm', to_email: 'anna-vards@example.lv' })
      .first();
    assert.equal(plain.to_name, 'Anna Kalniņa');
  });

  it('a follower’s name holding a link is not the To header of the follow confirmation', async () => {
    const { app, services } = context;
    const { report } = await makeReport(services, {});
    await request(app)
      .post(`/reports/${report.ref}/subscribe`)
      .type('form')
      .send({ name: 'Anna evil.click', email: 'sekotajs-vards@example.lv' })
      .expect(303);
    const row = await services
      .knex('outbox')
      .where({ kind: 'subscription-confirm', to_email: 'sekotajs-vards@example.lv' })
      .first();
    assert.ok(row, 'asked to confirm');
    assert.equal(row.to_name, null);
  });
});
