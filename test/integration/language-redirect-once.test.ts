import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';

describe('the redirect that keeps the language', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('is set once on the app, not on each response', async () => {
    // Any response that set its own `redirect` would go through this setter on the app's
    // response prototype; one that uses the prototype's only reads it.
    const response = context.app.response as unknown as Record<string, unknown>;
    const own = Object.getOwnPropertyDescriptor(response, 'redirect');
    let setOnResponse = 0;
    const prototypes = response.redirect;
    // What a response set for itself, kept as its own would be.
    const ownOf = new WeakMap<object, unknown>();
    Object.defineProperty(response, 'redirect', {
      configurable: true,
      get(this: object) {
        return ownOf.has(this) ? ownOf.get(this) : prototypes;
      },
      set(this: object, value: unknown) {
        setOnResponse += 1;
        ownOf.set(this, value);
      },
    });
    try {
      const answer = await request(context.app).get('/staff?lang=en').expect(303);
      assert.equal(answer.headers.location, '/staff/sign-in?next=%2Fstaff%3Flang%3Den&lang=en');
      const latvian = await request(context.app).get('/staff').set('Accept-Language', 'lv').expect(303);
      assert.equal(latvian.headers.location, '/staff/sign-in?next=%2Fstaff');
      assert.equal(setOnResponse, 0);
    } finally {
      if (own) Object.defineProperty(response, 'redirect', own);
      else delete response.redirect;
    }
  });
});
