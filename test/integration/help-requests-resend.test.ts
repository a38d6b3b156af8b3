import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { count, forOtherFields, postRequest, requestFields } from './help-requests-helpers.js';

const MINUTE = 60 * 1000;

/** A fresh render's submission key: what Back brings, the page being never cached. */
async function freshKey(context: TestContext): Promise<string> {
  const html = (await request(context.app).get('/help/request').expect(200)).text;
  const key = /name="submission_key" value="([A-Za-z0-9_-]+)"/.exec(html)?.[1];
  assert.ok(key, 'the form carries a submission key');
  return key;
}

describe('a request for help sent again after going back to the form makes one request', () => {
  let context: TestContext;
  let now: Date;
  const reports = () => count(context.services.knex, 'reports');
  const emails = () => count(context.services.knex, 'outbox');

  beforeEach(async () => {
    now = new Date('2026-12-03T10:00:00Z');
    context = await makeApp({}, { clock: () => now });
  });

  it('answers a resend with a new key as the first was answered, and makes and emails nothing more', async () => {
    const fields = requestFields({ email: 'atpakal@example.lv' });
    const first = await postRequest(context, { ...fields, submission_key: await freshKey(context) }).expect(
      303,
    );
    const made = { reports: await reports(), emails: await emails() };
    now = new Date(now.getTime() + 5 * MINUTE);
    const again = await postRequest(context, { ...fields, submission_key: await freshKey(context) }).expect(
      303,
    );
    assert.match(first.headers.location ?? '', /^\/help\/request\/sent\?ref=RZN-\d{4}-\d+&by=email$/);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(await reports(), made.reports);
    assert.equal(await count(context.services.knex, 'help_requests'), made.reports);
    assert.equal(await emails(), made.emails, 'no second email to the social worker or the asker');
  });

  it('knows the asker again however the phone or address is written, and counts no resend as a request', async () => {
    await postRequest(context, requestFields({ phone: '+371 2000 0001' })).expect(303);
    // Four resends would have passed the limit of three a day for one phone: none is refused.
    for (const phone of ['20000001', '2000-0001', '(+371) 2000 0001', '2000 0001'])
      await postRequest(context, requestFields({ phone })).expect(303);
    assert.equal(await reports(), 1);
    await postRequest(context, forOtherFields({ email: 'Peteris@Example.lv' })).expect(303);
    await postRequest(context, forOtherFields({ email: 'peteris@example.lv' })).expect(303);
    assert.equal(await reports(), 2);
  });

  it('takes the same words as a new request after 30 minutes, from another asker, in another parish or once withdrawn', async () => {
    const fields = requestFields();
    await postRequest(context, fields).expect(303);
    now = new Date(now.getTime() + 31 * MINUTE);
    await postRequest(context, fields).expect(303);
    assert.equal(await reports(), 2);
    await postRequest(context, requestFields({ phone: '2000 0002' })).expect(303);
    await postRequest(context, requestFields({ parish: 'audrinu' })).expect(303);
    // Not the rate limits this test is about: five from one address an hour, three a phone a day.
    await context.services.knex('rate_limits').delete();
    await postRequest(context, requestFields({ description: 'Vajag sagādāt malku ziemai.' })).expect(303);
    assert.equal(await reports(), 5);
    await context.services.knex('reports').update({ withdrawn_at: now });
    await postRequest(context, fields).expect(303);
    assert.equal(await reports(), 6);
  });

  it('takes the same words and phone for a neighbour as a new request, with its emails and the notice', async () => {
    const description = 'Нужно привезти дрова на зиму, сама уже не могу.';
    const anna = requestFields({
      name: 'Анна Иванова',
      phone: '29998877',
      email: 'anna.ru@example.org',
      description,
    });
    const first = await postRequest(
      context,
      { ...anna, submission_key: await freshKey(context) },
      'ru',
    ).expect(303);
    now = new Date(now.getTime() + 10 * MINUTE);
    const forMaria = forOtherFields({
      name: 'Анна Иванова',
      phone: '29998877',
      email: 'anna2.ru@example.org',
      subject_name: 'Мария Кузнецова',
      subject_phone: '26123456',
      subject_email: 'subject.ru@example.org',
      kinds: ['household'],
      description,
    });
    const second = await postRequest(
      context,
      { ...forMaria, submission_key: await freshKey(context) },
      'ru',
    ).expect(303);
    assert.notEqual(second.headers.location, first.headers.location, 'its own number');
    assert.equal(await reports(), 2);
    const maria = (await context.services
      .knex('help_requests')
      .where({ subject_name: 'Мария Кузнецова' })
      .first()) as { report_id: number; subject_told_at: Date | null } | undefined;
    assert.ok(maria, 'what was asked about Мария is kept');
    assert.ok(maria.subject_told_at, 'and she is recorded as told');
    const mail = { report_id: maria.report_id };
    assert.equal(await count(context.services.knex, 'outbox', { ...mail, kind: 'help-request-subject' }), 1);
    assert.equal(
      await count(context.services.knex, 'outbox', {
        ...mail,
        kind: 'help-request-received',
        to_email: 'anna2.ru@example.org',
      }),
      1,
    );
    assert.equal(await count(context.services.knex, 'outbox', { ...mail, kind: 'report-new' }), 1);
    // The neighbour's form sent again is still one request: it is the same form this time.
    now = new Date(now.getTime() + 5 * MINUTE);
    const again = await postRequest(
      context,
      { ...forMaria, submission_key: await freshKey(context) },
      'ru',
    ).expect(303);
    assert.equal(again.headers.location, second.headers.location);
    assert.equal(await reports(), 2);
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'help-request-subject' }), 1);
  });

  it('knows a resend only when every contact and the person are as they were', async () => {
    const self = requestFields({ phone: '2000 0001', email: 'viena@example.lv' });
    await postRequest(context, self).expect(303);
    // The same phone with another address, or without the address, or an address added: new ones.
    await postRequest(context, { ...self, email: 'cita@example.lv' }).expect(303);
    await postRequest(context, { ...self, email: '' }).expect(303);
    assert.equal(await reports(), 3);
    // Not the rate limits this test is about: five from one address an hour, three a phone a day.
    await context.services.knex('rate_limits').delete();
    const other = forOtherFields({ subject_phone: '2000 0005' });
    await postRequest(context, other).expect(303);
    // Another person (by name, phone or address) for the same asker and words: a new request each.
    await postRequest(context, { ...other, subject_name: 'Marta Liepa' }).expect(303);
    await postRequest(context, { ...other, subject_phone: '' }).expect(303);
    await context.services.knex('rate_limits').delete();
    await postRequest(context, { ...other, subject_email: 'cita.anna@example.lv' }).expect(303);
    assert.equal(await reports(), 7);
    // The same form again, however its name, phone and address are written: none more.
    await postRequest(context, {
      ...other,
      subject_name: '  anna  LIEPA ',
      subject_phone: '+371 2000-0005',
      subject_email: 'Anna.Liepa@example.lv',
      email: 'PETERIS@example.lv',
    }).expect(303);
    await postRequest(context, self).expect(303);
    assert.equal(await reports(), 7);
  });

  it('makes one request when the resend and the first arrive at the same moment (PostgreSQL)', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const fields = requestFields({ email: 'vienlaikus@example.lv' });
    const keys = await Promise.all([freshKey(context), freshKey(context), freshKey(context)]);
    const answers = await Promise.all(
      keys.map((key) => postRequest(context, { ...fields, submission_key: key })),
    );
    for (const res of answers) {
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, answers[0]!.headers.location);
    }
    assert.equal(await reports(), 1);
    assert.equal(
      await count(context.services.knex, 'outbox', {
        kind: 'help-request-received',
        to_email: 'vienlaikus@example.lv',
      }),
      1,
    );
  });
});
