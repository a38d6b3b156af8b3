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
