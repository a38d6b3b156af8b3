import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';

const HOUR = 60 * 60 * 1000;

describe('the rate limiter asked whether a limit is reached, counting nothing', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('says full once the next hit would be refused, within the window only, and never counts', async () => {
    const { limiter, knex } = context.services;
    const now = new Date('2026-03-02T10:00:00Z');
    assert.equal(await limiter.full('t:full', 3, HOUR, now), false, 'no hit yet');
    await limiter.hit('t:full', 3, HOUR, now);
    await limiter.hit('t:full', 3, HOUR, now);
    assert.equal(await limiter.full('t:full', 3, HOUR, now), false, 'one more is allowed');
    assert.equal((await limiter.hit('t:full', 3, HOUR, now)).allowed, true);
    assert.equal(await limiter.full('t:full', 3, HOUR, now), true);
    assert.equal(await limiter.full('t:full', 3, HOUR, now), true);
    assert.equal((await limiter.hit('t:full', 3, HOUR, now)).allowed, false, 'the next is refused');
    const hits = async () => Number((await knex('rate_limits').where({ key: 't:full' }).first()).hits);
    assert.equal(await hits(), 4, 'full counted nothing');
    assert.equal(
      await limiter.full('t:full', 3, HOUR, new Date(now.getTime() + HOUR)),
      false,
      'a new window',
    );
    assert.equal(await hits(), 4);
  });
});
