import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp } from '../support/app.js';
import { addStaff, codeAt, csrfOf, signIn, signInLink } from '../support/staff.js';
import { MINUTE, signInApp } from './staff-auth-helpers.js';

describe('staff sign in with an emailed link and a TOTP code: the session', () => {
  const auth = signInApp();

  it('ends a session on sign-out on the server, so the same cookie in another browser opens nothing', async () => {
    const { context, worker } = auth();
    const browser = await signIn(context, worker);
    await request(context.app).get('/staff').set('Cookie', browser.cookie).expect(200);
    await browser.agent.post('/staff/sign-out').type('form').send({ _csrf: browser.csrf }).expect(303);
    await browser.agent.get('/staff').expect(303);
    await request(context.app).get('/staff').set('Cookie', browser.cookie).expect(303);
  });

  it('ends a session after 30 idle minutes and after 12 hours whatever happens', async () => {
    const { context, worker, later } = auth();
    const idle = await signIn(context, worker);
    later(29 * MINUTE);
    await idle.agent.get('/staff').expect(200);
    later(31 * MINUTE);
    await idle.agent.get('/staff').expect(303);
    later(MINUTE);
    const busy = await signIn(context, worker, idle.secret);
    for (let i = 0; i < 25; i += 1) {
      later(29 * MINUTE);
      const res = await busy.agent.get('/staff');
      if (i < 24) assert.equal(res.status, 200, `after ${(i + 1) * 29} minutes`);
      else assert.equal(res.status, 303, 'past 12 hours');
    }
  });

  it('opens, after signing in again, the page that sent a signed-out member to sign in', async () => {
    const { context, worker, later, halfSignedIn } = auth();
    const first = await signIn(context, worker);
    const agent = first.agent;
    /** Link and code in this browser; where the code's answer leads. */
    const signInAgain = async () => {
      const { page } = await halfSignedIn(agent);
      const done = await agent
        .post('/staff/two-factor')
        .type('form')
        .send({ _csrf: csrfOf(page.text), code: await codeAt(first.secret, auth().now) })
        .expect(303);
      return done.headers.location;
    };
    later(31 * MINUTE);
    const sent = await agent.get('/staff/help?status=all').expect(303);
    assert.equal(sent.headers.location, '/staff/sign-in?next=%2Fstaff%2Fhelp%3Fstatus%3Dall');
    await agent.get(sent.headers.location!).expect(200);
    assert.equal(await signInAgain(), '/staff/help?status=all');
    // Once: the next sign-in in this browser opens the workspace's own first page.
    later(31 * MINUTE);
    assert.equal(await signInAgain(), '/staff');
  });

  it('refuses a staff form without its CSRF token', async () => {
    const { context, worker } = auth();
    const browser = await signIn(context, worker);
    await browser.agent.post('/staff/sign-out').type('form').send({}).expect(403);
    await browser.agent
      .post('/staff/sign-out')
      .type('form')
      .send({ _csrf: 'x'.repeat(32) })
      .expect(403);
    await browser.agent.get('/staff').expect(200);
  });

  it('writes every step to the append-only audit log, which the database refuses to change', async () => {
    const { context, worker } = auth();
    await signIn(context, worker);
    const actions = (await context.services.knex('audit_log').orderBy('id').pluck('action')) as string[];
    assert.deepEqual(actions, [
      'staff.add',
      'sign-in.link-sent',
      'sign-in.link-used',
      'sign-in.totp-enrolled',
    ]);
    await assert.rejects(context.services.knex('audit_log').update({ action: 'nothing' }), /append-only/);
    await assert.rejects(context.services.knex('audit_log').delete(), /append-only/);
  });

  it('names the cookie __Host- and marks it Secure on an https site', async () => {
    const secure = await makeApp({ PUBLIC_URL: 'https://tilts.example.org' });
    await addStaff(secure, { email: 'anna@example.org', role: 'admin' });
    await request(secure.app)
      .post('/staff/sign-in')
      .type('form')
      .send({ email: 'anna@example.org' })
      .expect(303);
    const res = await request(secure.app)
      .post(await signInLink(secure, 'anna@example.org'))
      .type('form')
      .send({})
      .expect(303);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!;
    assert.match(cookie, /^__Host-tilts-staff=/);
    assert.match(cookie, /Secure/);
    assert.doesNotMatch(cookie, /Domain=/i);
  });
});
