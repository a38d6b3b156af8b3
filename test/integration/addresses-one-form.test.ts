import assert from 'node:assert/strict';
import request from 'supertest';
import * as addressesOneForm from '../../migrations/20270110020000_addresses_stored_one_form.js';
import { BanRepository } from '../../src/moderation/ban-repository.js';
import { banSchema } from '../../src/moderation/forms.js';
import { typedAddress } from '../../src/retention/address-erasure.js';
import type { StaffUser } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { askForAlert } from './alerts-helpers.js';
import { count, offerFields, sendOffer } from './help-offers-helpers.js';
import { postRequest, requestFields } from './help-requests-helpers.js';

/*
 * One person, however their address is typed: in capitals, Latin or not (`Ā`, which SQL's lower()
 * leaves as it is under the C locale PGlite has), and with its domain in Unicode letters or in
 * punycode (which lower() never joins, on any database). Every table keeps the address in one form
 * made by JavaScript (storedAddress) and finds it by that form: following twice, asking for the same
 * alert twice or sending the same offer twice makes one row, and erasing the address finds them all.
 */
describe('one address in any case and any spelling of its domain', () => {
  const KEPT = 'arija@ābols.example.org';
  const SPELLINGS = ['Arija@ĀBOLS.Example.org', 'ARIJA@ābols.example.org', 'arija@xn--bols-psa.example.org'];
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  it('follows a report once', async () => {
    const { report } = await makeReport(context.services);
    for (const email of SPELLINGS)
      await request(context.app)
        .post(`/reports/${report.ref}/follow`)
        .type('form')
        .send({ name: 'Ārija', email })
        .expect(303);
    const follows = (await context.services
      .knex('subscriptions')
      .where({ report_id: report.id })
      .pluck('email')) as string[];
    assert.deepEqual(follows, [KEPT]);
  });

  it('asks for one alert of a place', async () => {
    for (const email of SPELLINGS)
      await askForAlert(context.app, { email, place: 'parish:kaunatas', category: 'roads' }).expect(303);
    assert.deepEqual(await context.services.knex('alerts').pluck('email'), [KEPT]);
  });

  it('makes one offer of help of the same form sent again', async () => {
    for (const email of SPELLINGS) await sendOffer(context.app, offerFields({ email })).expect(303);
    assert.deepEqual(await context.services.knex('help_offers').pluck('email'), [KEPT]);
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'help-offer-confirm' }), 1);
  });

  it('makes one request for help of the same form sent again', async () => {
    for (const email of SPELLINGS) await postRequest(context, requestFields({ email })).expect(303);
    assert.deepEqual(await context.services.knex('reports').pluck('reporter_email'), [KEPT]);
  });

  it('holds a sender under a ban of their address or domain typed in another spelling', async () => {
    const { knex, reportRepository } = context.services;
    const [staff] = (await knex('staff_members')
      .insert({ email: 'moderators@example.org', name: 'M', role: 'moderator', language: 'lv' })
      .returning('id')) as { id: number }[];
    const bans = new BanRepository(knex);
    for (const value of ['XN--BOLS-PSA.Example.org', SPELLINGS[0]!]) {
      await knex('banned_senders').delete();
      const kind = value.includes('@') ? 'address' : 'domain';
      const form = banSchema.parse({ kind, value, reason: 'Lamājas.' });
      await bans.insert(knex, { ...form, staffId: staff!.id }, new Date());
      for (const email of SPELLINGS)
        assert.ok(await reportRepository.senderBan(email), `${email} under the ban of ${value}`);
    }
  });

  it('finds and erases every row of the address, however the administrator types it', async () => {
    const { services, app } = context;
    const { knex } = services;
    const [first, second, third] = SPELLINGS as [string, string, string];
    const { report } = await makeReport(services, { email: first, title: 'Ārijas bedre' });
    const other = (await makeReport(services, { email: 'kaimins@example.org' })).report;
    await request(app)
      .post(`/reports/${other.ref}/follow`)
      .type('form')
      .send({ name: 'Ārija', email: third })
      .expect(303);
    await askForAlert(app, { email: second, place: 'parish:kaunatas' }).expect(303);
    await sendOffer(app, offerFields({ email: third })).expect(303);
    const [staffId] = (await knex('staff_members')
      .insert({ email: 'admin@example.org', name: 'Admin', role: 'admin', language: 'lv' })
      .returning('id')) as { id: number }[];
    const admin = { id: staffId!.id, role: 'admin' } as unknown as StaffUser;
    const address = typedAddress('ARIJA@ĀBOLS.EXAMPLE.ORG')!;

    const filed = await services.addressErasure.filed(admin, address);
    assert.deepEqual(
      filed.reports.map((one) => one.ref),
      [report.ref],
    );
    assert.equal(filed.offers.length, 1);
    const holds = await services.addressErasure.holds(admin, address);
    assert.equal(holds.follows, 1);
    assert.equal(holds.alerts, 1);
    assert.ok(holds.emails >= 2, 'the follow’s and the alert’s confirmation emails');

    await services.addressErasure.erase(admin, address, '127.0.0.1');
    assert.equal(await count(knex, 'subscriptions', { report_id: other.id }), 0);
    assert.equal(await count(knex, 'alerts'), 0);
    assert.equal(await count(knex, 'outbox', { kind: 'subscription-confirm' }), 0);
    // The forms' counters of the address go too, whichever spelling each was counted under.
    const keys = (await knex('rate_limits').pluck('key')) as string[];
    assert.deepEqual(
      keys.filter((key) => /bols/.test(key)),
      [],
    );
  });

  it('puts the addresses stored before in that form, one row where two spellings were one follow', async () => {
    const { services } = context;
    const { knex } = services;
    const { report } = await makeReport(services, { email: 'kaimins@example.org' });
    const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 10, minutes));
    // Two spellings the unique index took for two people: she followed, then unsubscribed in the other.
    await knex('subscriptions').insert([
      { report_id: report.id, email: SPELLINGS[0], language: 'lv', created_at: at(0), confirmed_at: at(1) },
      {
        report_id: report.id,
        email: SPELLINGS[2],
        language: 'en',
        created_at: at(2),
        confirmed_at: at(3),
        unsubscribed_at: at(4),
      },
    ]);
    const alert = { language: 'lv', frequency: 'daily', parish_code: 'kaunatas' };
    await knex('alerts').insert([
      { ...alert, email: SPELLINGS[2], created_at: at(5), confirmed_at: at(6) },
      { ...alert, email: SPELLINGS[0], created_at: at(0) },
    ]);
    await knex('reports').where({ id: report.id }).update({ reporter_email: SPELLINGS[0] });
    const [offer] = (await knex('help_offers')
      .insert({
        status: 'active',
        offered_by: 'individual',
        name: 'Ārija',
        email: SPELLINGS[2],
        pending_email: SPELLINGS[0],
        days: 'sat',
        times: '',
        speaks: 'lv',
        about: '',
        capacity: 1,
        language: 'lv',
        created_at: at(0),
        updated_at: at(0),
      })
      .returning('id')) as { id: number }[];
    await knex('outbox').update({ to_email: SPELLINGS[0] });

    await addressesOneForm.up(knex);

    const follows = (await knex('subscriptions').where({ report_id: report.id }).select()) as {
      email: string;
      language: string;
      unsubscribed_at: Date | null;
    }[];
    // Her latest word stands: unsubscribed, in the language she last asked in.
    assert.equal(follows.length, 1);
    assert.equal(follows[0]!.email, KEPT);
    assert.equal(follows[0]!.language, 'en');
    assert.ok(follows[0]!.unsubscribed_at);
    const alerts = (await knex('alerts').select('email', 'confirmed_at')) as {
      email: string;
      confirmed_at: Date;
    }[];
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.email, KEPT);
    assert.ok(alerts[0]!.confirmed_at, 'the confirmed alert, asked for last, stays');
    assert.deepEqual(await knex('reports').where({ id: report.id }).pluck('reporter_email'), [KEPT]);
    assert.deepEqual(await knex('help_offers').where({ id: offer!.id }).first('email', 'pending_email'), {
      email: KEPT,
      pending_email: KEPT,
    });
    assert.deepEqual([...new Set(await knex('outbox').pluck('to_email'))], [KEPT]);
  });
});
