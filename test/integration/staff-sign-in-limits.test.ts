import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
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
    for (let i = 0; i < 5; i += 1) await ask(MEMBER, '203.0.113.7').expect(303);
    // Asking on and on from there counts toward nothing but that network's own limits.
    for (let i = 0; i < 20; i += 1) await ask(MEMBER, '203.0.113.7').expect(429);
    assert.equal(await sent(), 5);
    const own = await ask(MEMBER, '198.51.100.2').expect(303);
    assert.equal(own.headers.location, '/staff/sign-in/sent');
    assert.equal(await sent(), 6, 'the member gets her link');
  });

  it('answers an unknown address exactly as a member’s, under the same limits', async () => {
    for (let i = 0; i < 5; i += 1) {
      const member = await ask(MEMBER, '203.0.113.8').expect(303);
      const stranger = await ask('nobody@example.org', '203.0.113.9').expect(303);
      // The same redirect, and the same cookie but for the address it carries to the page.
      assert.equal(member.headers.location, stranger.headers.location);
      const cookie = (res: typeof member, address: string) =>
        String(res.headers['set-cookie'])
          .replaceAll(encodeURIComponent(address), 'X')
          .replace(/Expires=[^;]+/, 'Expires=…');
      assert.equal(cookie(member, MEMBER), cookie(stranger, 'nobody@example.org'));
      assert.match(cookie(member, MEMBER), /^tilts-sent-to=X; Max-Age=600/);
    }
    await ask(MEMBER, '203.0.113.8').expect(429);
    await ask('nobody@example.org', '203.0.113.9').expect(429);
  });

  it('takes as long to answer an unknown address as a member’s: the time tells no one who is staff', async () => {
    // Timed where the answer is decided, past the page's own work, which only blurs the difference.
    const timed = async (email: string, ip: string) => {
      const started = performance.now();
      await context.services.staffAuth.requestLink(email, ip);
      return performance.now() - started;
    };
    const member: number[] = [];
    const stranger: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      member.push(await timed(MEMBER, `10.1.${i}.1`));
      stranger.push(await timed(`nobody.${i}@example.org`, `10.2.${i}.1`));
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[times.length >> 1]!;
    // Sending a link takes several times as long as finding nobody; answered alike, the two are close.
    assert.ok(
      median(stranger) > 0.7 * median(member),
      `a member’s answer ${median(member).toFixed(1)} ms, a stranger’s ${median(stranger).toFixed(1)} ms`,
    );
    assert.equal(await sent(), 12, 'only the member was sent links');
  });

  it('still bounds one address from many networks, far above what one network may ask', async () => {
    for (let network = 0; network < 6; network += 1)
      for (let i = 0; i < 5; i += 1) await ask(MEMBER, `10.0.${network}.1`).expect(303);
    await ask(MEMBER, '10.0.99.1').expect(429);
    assert.equal(await sent(), 30);
  });
});
