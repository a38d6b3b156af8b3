import assert from 'node:assert/strict';
import request from 'supertest';
import { ERASED_ADDRESS } from '../../src/mail/erasure.js';
import { RetentionRepository } from '../../src/retention/repository.js';
import { LAPSED_ADDRESS_DAYS } from '../../src/retention/service.js';
import { plansOf, statementsDuring } from '../support/database.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { askForAlert, confirmedAlert, linkIn, mailTo } from './alerts-helpers.js';

const DAY = 86_400_000;

/**
 * The privacy notice keeps an address for alerts or a follow while it is used: one that never
 * confirmed, or unsubscribed, goes a month later (LAPSED_ADDRESS_DAYS), not never.
 */
describe('retention: alert and follow addresses never confirmed, or unsubscribed, go after a month', () => {
  let context: TestContext;
  let now: Date;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
  });

  /** The addresses of a table among those the test wrote (a report's own follow is not one). */
  const emails = async (table: string, among: readonly string[]) =>
    ((await context.services.knex(table).whereIn('email', among).pluck('email')) as string[]).sort();

  it('deletes lapsed alerts and follows, and keeps running ones and those that lapsed lately', async () => {
    const { knex } = context.services;
    const { report } = await makeReport(context.services, { parish: 'kaunatas' });
    const row = (email: string, at: Date, state: { confirmed?: Date; unsubscribed?: Date } = {}) => ({
      email,
      created_at: at,
      confirmed_at: state.confirmed ?? null,
      unsubscribed_at: state.unsubscribed ?? null,
    });
    const rows = [
      row('never-confirmed-long-ago@example.org', daysAgo(40)),
      row('never-confirmed-lately@example.org', daysAgo(3)),
      row('unsubscribed-long-ago@example.org', daysAgo(400), {
        confirmed: daysAgo(400),
        unsubscribed: daysAgo(31),
      }),
      row('unsubscribed-lately@example.org', daysAgo(400), {
        confirmed: daysAgo(400),
        unsubscribed: daysAgo(10),
      }),
      row('running@example.org', daysAgo(400), { confirmed: daysAgo(400) }),
    ];
    await knex('alerts').insert(rows.map((alert) => ({ ...alert, language: 'lv', frequency: 'daily' })));
    await knex('subscriptions').insert(
      rows.map((follow) => ({ ...follow, report_id: report.id, language: 'lv' })),
    );
    const written = rows.map((alert) => alert.email);
    const others = await knex('subscriptions').whereNotIn('email', written).count({ n: '*' });

    assert.equal(await context.services.retention.forgetLapsedAddresses(), 4);
    const kept = [
      'never-confirmed-lately@example.org',
      'running@example.org',
      'unsubscribed-lately@example.org',
    ];
    assert.deepEqual(await emails('alerts', written), kept);
    assert.deepEqual(await emails('subscriptions', written), kept);
    assert.deepEqual(
      await knex('subscriptions').whereNotIn('email', written).count({ n: '*' }),
      others,
      'other follows stay',
    );
    assert.equal(await context.services.retention.forgetLapsedAddresses(), 0, 'once');
  });

  it('counts a lapsed alert asked for again from that day, so its new link still works', async () => {
    const { app, services } = context;
    const email = 'again@example.org';
    await confirmedAlert(app, services.knex, email, { place: 'parish:kaunatas' });
    const [confirmation] = await mailTo(services.knex, email);
    await request(app).post(linkIn(confirmation!, '/alerts/unsubscribe/')).expect(200);
    // Forty days later they ask again, and before they confirm, the retention job runs.
    now = new Date(now.getTime() + 40 * DAY);
    await askForAlert(app, { email, place: 'parish:kaunatas' }).expect(303);
    assert.equal(await services.retention.forgetLapsedAddresses(), 0);
    const latest = (await mailTo(services.knex, email)).at(-1)!;
    assert.equal(latest.kind, 'alert-confirm');
    await request(app).post(linkIn(latest, '/alerts/confirm/')).expect(200);
    const alert = await services.knex('alerts').where({ email }).first();
    assert.ok(alert.confirmed_at && !alert.unsubscribed_at, 'running again');
  });

  it('is stated in the privacy notice, in each language, with the period it keeps', async () => {
    for (const [lang, said] of [
      ['en', /never confirmed it, or that unsubscribed, is deleted 30 days later\./],
      ['lv', /vai no tiem atteicāties, jūsu e-pasta adrese tiek dzēsta pēc 30 dienām\./],
      ['ru', /или который отписался, удаляется через 30 дней\./],
    ] as const)
      assert.match((await request(context.app).get(`/privacy?lang=${lang}`).expect(200)).text, said);
    assert.equal(LAPSED_ADDRESS_DAYS, 30);
  });

  it('answers an unsubscribe link kindly once its alert is gone', async () => {
    const { app, services } = context;
    const email = 'gone@example.org';
    await confirmedAlert(app, services.knex, email, { place: 'parish:kaunatas' }, 'en');
    const [confirmation] = await mailTo(services.knex, email);
    const unsubscribe = linkIn(confirmation!, '/alerts/unsubscribe/');
    await request(app).post(unsubscribe).expect(200);
    now = new Date(now.getTime() + 31 * DAY);
    assert.equal(await services.retention.forgetLapsedAddresses(), 1);
    // The link is in English already (`?lang=en`), as its email was.
    const page = await request(app).get(unsubscribe).expect(200);
    await request(app).post(unsubscribe).expect(200);
    assert.doesNotMatch(page.text, /gone@example\.org/);
    // It says nothing more will come, rather than offering a button that stops nothing.
    assert.match(page.text, /your address is no longer kept for them/);
    assert.doesNotMatch(page.text, /data-qa="unsubscribe-form"/);
  });

  it('answers a follow’s unsubscribe link kindly once the follow is gone', async () => {
    const { app, services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas' });
    const [row] = (await services
      .knex('subscriptions')
      .insert({ report_id: report.id, email: 'follower@example.org', created_at: daysAgo(40) })
      .returning('id')) as { id: number }[];
    const link = services.links.unsubscribe('s', row!.id).replace(/^https?:\/\/[^/]+/, '');
    assert.equal(await services.retention.forgetLapsedAddresses(), 1);
    const page = await request(app)
      .get(`${link.split('?')[0]}?lang=en`)
      .expect(200);
    assert.match(page.text, /your address is no longer kept for them/);
    assert.doesNotMatch(page.text, /data-qa="unsubscribe-form"/);
  });

  it('forgets the emails about alerts and follows of an address left with none, and keeps a running one’s', async () => {
    const { app, services } = context;
    const { knex } = services;
    const lapsed = 'lapsed@example.org';
    const running = 'running@example.org';
    for (const email of [lapsed, running]) {
      await confirmedAlert(app, knex, email, { place: 'parish:kaunatas' });
      await knex('outbox').where({ to_email: email }).update({ status: 'sent' });
    }
    // The running address unsubscribed one alert and keeps another.
    await askForAlert(app, { email: running, place: 'parish:maltas' }).expect(303);
    await knex('alerts').where({ email: running, parish_code: 'maltas' }).update({ confirmed_at: now });
    await knex('alerts').where({ email: running, parish_code: 'kaunatas' }).update({ unsubscribed_at: now });
    await knex('alerts').where({ email: lapsed }).update({ unsubscribed_at: now });
    const runningMail = (await mailTo(knex, running)).length;
    now = new Date(now.getTime() + 31 * DAY);
    assert.equal(await services.retention.forgetLapsedAddresses(), 2);
    assert.deepEqual(await mailTo(knex, lapsed), [], 'no email keeps the lapsed address');
    const forgotten = (await knex('outbox').where({ to_email: ERASED_ADDRESS, kind: 'alert-confirm' })) as {
      text_body: string;
    }[];
    assert.equal(forgotten.length, 1);
    assert.equal(forgotten[0]!.text_body, '', 'nor its words');
    assert.equal(
      (await mailTo(knex, running)).length,
      runningMail,
      'an address still subscribed keeps its emails',
    );
  });
});

describe('forgetting an address reads it by index', function () {
  this.timeout(60_000);

  it('finds an address’s follows and emails through indexes, never by reading them all', async () => {
    const context = await makeApp();
    const { knex } = context.services;
    const { report } = await makeReport(context.services, { parish: 'kaunatas' });
    const longAgo = new Date(Date.now() - 60 * DAY);
    const lapsed = { email: 'lapsed@example.org', language: 'lv', created_at: longAgo };
    await knex('alerts').insert({ ...lapsed, frequency: 'daily' });
    await knex('subscriptions').insert({ ...lapsed, report_id: report.id });
    const retention = new RetentionRepository(knex);
    const statements = await statementsDuring(knex, async () => {
      assert.equal(await retention.forgetLapsedAddresses(new Date(Date.now() - 30 * DAY), new Date(), []), 2);
      await knex.transaction((trx) => retention.eraseAddress(trx, 'someone@example.org', new Date(), []));
      await retention.addressHolds('someone@example.org');
    });
    const reads = statements.filter(({ sql }) => /\b(outbox|subscriptions|alerts)\b/.test(sql));
    assert.ok(
      reads.some(({ sql }) => /\boutbox\b/.test(sql)),
      'the emails were read',
    );
    // Each is planned on an index made for it, as a large table's would be.
    const plans = await plansOf(knex, reads);
    plans.forEach((plan, i) =>
      assert.doesNotMatch(plan, /Seq Scan on (outbox|subscriptions|alerts)\b/, `${reads[i]!.sql}\n${plan}`),
    );
  });
});
