import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { addStaff } from '../support/staff.js';

const MEMBER = 'inese@example.org';

describe('limits on sign-in links: a stranger cannot lock a member out', () => {
  let context: TestContext;
  const ask = (email: string, ip: string) =>
    request(context.app).post('/staff/sign-in').set('X-Forwarded-For', ip).type('form').send({ email });
  const sent = async () => (await context.services.knex('outbox').where({ kind: 'staff-sign-in' })).length;

  beforeEach(async () => {
    // Behind a proxy, as a real installation is: X-Forwarded-For says which network asks.
    context = await makeApp({ TRUST_PROXY: 'loopback' });
    await addStaff(context, { email: MEMBER, role: 'social_worker', contacts: ['kaunatas-social'] });
  });

  it("refuses a stranger's network after five asks for an address, and still sends the member her link", async () => {
    for (let i = 0; i < 5; i += 1) await ask(MEMBER, '203.0.113.7').expect(200);
    // Asking on and on from there counts toward nothing but that network's own limits.
    for (let i = 0; i < 20; i += 1) await ask(MEMBER, '203.0.113.7').expect(429);
    assert.equal(await sent(), 5);
    const own = await ask(MEMBER, '198.51.100.2').expect(200);
    assert.doesNotMatch(own.text, /data-qa="error/);
    assert.equal(await sent(), 6, 'the member gets her link');
  });

  it('answers an unknown address exactly as a member’s, under the same limits', async () => {
    for (let i = 0; i < 5; i += 1) {
      const member = await ask(MEMBER, '203.0.113.8').expect(200);
      const stranger = await ask('nobody@example.org', '203.0.113.9').expect(200);
      assert.equal(member.text.replaceAll(MEMBER, 'X'), stranger.text.replaceAll('nobody@example.org', 'X'));
    }
    await ask(MEMBER, '203.0.113.8').expect(429);
    await ask('nobody@example.org', '203.0.113.9').expect(429);
  });

  it('still bounds one address from many networks, far above what one network may ask', async () => {
    for (let network = 0; network < 6; network += 1)
      for (let i = 0; i < 5; i += 1) await ask(MEMBER, `10.0.${network}.1`).expect(200);
    await ask(MEMBER, '10.0.99.1').expect(429);
    assert.equal(await sent(), 30);
  });
});
