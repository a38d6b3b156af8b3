import assert from 'node:assert/strict';
import request from 'supertest';
import type { StaffMember } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { addStaff, codeAt, csrfOf, signIn, signInLink } from '../support/staff.js';

const MINUTE = 60_000;

describe('staff sign in with an emailed link and a TOTP code', () => {
  let context: TestContext;
  let now: Date;
  let worker: StaffMember;
  const later = (ms: number) => (now = new Date(now.getTime() + ms));
  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    ([] as string[])
      .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
      .find((c) => c.startsWith('tilts-staff='));

  /** An enrolled member's link, pressed in a browser (a new one unless given): half signed in, on the code page. */
  const halfSignedIn = async (agent = request.agent(context.app)) => {
    await agent.post('/staff/sign-in').type('form').send({ email: worker.email }).expect(303);
    const link = await signInLink(context, worker.email);
    await agent.post(link).type('form').send({}).expect(303).expect('Location', '/staff/two-factor');
    return { agent, page: await agent.get('/staff/two-factor').expect(200) };
  };

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    worker = await addStaff(context, {
      email: 'inese@example.org',
      role: 'social_worker',
      contacts: ['kaunatas-social'],
    });
  });

  it('walks a new member through the link, enrolment with a QR code, recovery codes and the workspace', async () => {
    const agent = request.agent(context.app);
    await agent
      .post('/staff/sign-in?lang=en')
      .type('form')
      .send({ email: 'Inese@Example.org' })
      .expect(303)
      .expect('Location', '/staff/sign-in/sent?lang=en');
    const asked = await agent.get('/staff/sign-in/sent?lang=en').expect(200);
    assert.match(
      asked.text,
      /If Inese@Example\.org belongs to the staff of Tilts, a sign-in link is on its way/,
    );
    const link = await signInLink(context, 'inese@example.org');
    assert.match(link, /^\/staff\/sign-in\/[\w-]{43}$/, '256 random bits');

    // Following the link signs nobody in: only its button does.
    const landing = await agent.get(link).expect(200);
    assert.match(landing.text, /data-qa="link-form"/);
    assert.equal(cookieOf(landing), undefined);
    await agent.get('/staff').expect(303).expect('Location', '/staff/sign-in?next=%2Fstaff&lang=en');

    const pressed = await agent
      .post(link)
      .type('form')
      .send({})
      .expect(303)
      .expect('Location', '/staff/enrol?lang=en');
    const half = cookieOf(pressed)!;
    assert.match(half, /HttpOnly/i);
    assert.match(half, /SameSite=Lax/i);
    assert.match(half, /Path=\//);
    // Half signed in: the workspace still waits for the second factor.
    await agent.get('/staff').expect(303);

    const enrol = await agent.get('/staff/enrol?lang=en').expect(200);
    assert.match(enrol.text, /<svg[^>]*viewBox/, 'a QR code drawn on the server');
    const secret = /data-qa="totp-secret">([^<]+)</.exec(enrol.text)![1]!.replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const wrong = await agent
      .post('/staff/enrol')
      .type('form')
      .send({ _csrf: csrfOf(enrol.text), code: '000000' })
      .expect(422);
    assert.match(wrong.text, /data-qa="error"/);
    const enrolled = await agent
      .post('/staff/enrol')
      .type('form')
      .send({ _csrf: csrfOf(enrol.text), code: await codeAt(secret, now) })
      .expect(200);
    const codes = [...enrolled.text.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map(
      (m) => m[1],
    );
    assert.equal(codes.length, 10);
    const full = cookieOf(enrolled)!;
    assert.notEqual(
      full.split(';')[0],
      half.split(';')[0],
      'a new session id once the second factor is given',
    );
    await agent.get('/staff').expect(200);
    const stored = await context.services.knex('staff_recovery_codes').where({ staff_id: worker.id });
    assert.equal(stored.length, 10);
    assert.ok(
      stored.every((row: { code_hash: string }) => !codes.includes(row.code_hash)),
      'stored hashed',
    );
    const [member] = await context.services.knex('staff_members').where({ id: worker.id });
    assert.ok(!String(member.totp_secret).includes(secret), 'the TOTP secret is stored sealed');
  });

  it('refuses an expired, a used and a forged link, and says the same for an unknown address', async () => {
    const agent = request.agent(context.app);
    await agent.post('/staff/sign-in').type('form').send({ email: 'inese@example.org' }).expect(303);
    const link = await signInLink(context, 'inese@example.org');
    later(11 * MINUTE);
    await agent.post(link).type('form').send({}).expect(410);
    await agent.post('/staff/sign-in').type('form').send({ email: 'inese@example.org' }).expect(303);
    const fresh = await signInLink(context, 'inese@example.org');
    await agent.post(fresh).type('form').send({}).expect(303);
    await request(context.app).post(fresh).type('form').send({}).expect(410);
    await request(context.app)
      .post(`${fresh.slice(0, -4)}AAAA`)
      .type('form')
      .send({})
      .expect(410);
    await request(context.app).post('/staff/sign-in/short').type('form').send({}).expect(410);

    // An unknown address is told what a member is, on a page of its own: reloading it asks for nothing.
    const stranger = request.agent(context.app);
    await stranger
      .post('/staff/sign-in')
      .type('form')
      .send({ email: 'nobody@example.org' })
      .expect(303)
      .expect('Location', '/staff/sign-in/sent');
    const unknown = await stranger.get('/staff/sign-in/sent?lang=en').expect(200);
    assert.match(unknown.text, /data-qa="link-sent"/);
    assert.match(
      unknown.text,
      /If nobody@example\.org belongs to the staff of Tilts, a sign-in link is on its way/,
    );
    const reloaded = await stranger.get('/staff/sign-in/sent?lang=en').expect(200);
    assert.match(reloaded.text, /If your address belongs to the staff of Tilts/);
    assert.equal((await context.services.knex('outbox').where({ to_email: 'nobody@example.org' })).length, 0);
    const bad = await request(context.app)
      .post('/staff/sign-in?lang=en')
      .type('form')
      .send({ email: 'a@b.lv, c@d.lv' })
      .expect(422);
    assert.match(bad.text, /Enter one email address/);
  });

  /** The latest sign-in email. */
  const mail = async () =>
    (await context.services
      .knex('outbox')
      .where({ kind: 'staff-sign-in' })
      .orderBy('id', 'desc')
      .first()) as { language: string; subject: string; text_body: string };

  it('sends the link in the language chosen on the sign-in page, else in the member’s own', async () => {
    // A browser asking for English, nothing chosen: the member's own language (Latvian).
    await request(context.app)
      .post('/staff/sign-in')
      .set('Accept-Language', 'en')
      .type('form')
      .send({ email: 'inese@example.org' })
      .expect(303);
    assert.equal((await mail()).language, 'lv');
    // English chosen on the page (its cookie): the link comes in English and leads on in English.
    const agent = request.agent(context.app);
    await agent.get('/staff/sign-in?lang=en').expect(200);
    await agent.post('/staff/sign-in').type('form').send({ email: 'inese@example.org' }).expect(303);
    const english = await mail();
    assert.equal(english.language, 'en');
    assert.match(english.text_body, /sign in/i);
    assert.match(english.text_body, /\/staff\/sign-in\/[\w-]+\?lang=en/);
  });

  it('keeps the language chosen on the sign-in page onto the "check your email" page and into the email, cookie or none', async () => {
    const titles = { lv: 'Pārbaudiet savu e-pastu', en: 'Check your email', ru: 'Проверьте почту' };
    for (const [language, title] of Object.entries(titles)) {
      // A browser asking for another language, which keeps no cookie: only the page's own links carry the choice.
      const other = language === 'en' ? 'ru' : 'en';
      const page = await request(context.app)
        .get(`/staff/sign-in?lang=${language}`)
        .set('Accept-Language', other)
        .expect(200);
      const action = /<form method="post" action="([^"]*)"[^>]*data-qa="sign-in-form"/.exec(page.text)![1]!;
      const sent = await request(context.app)
        .post(action)
        .set('Accept-Language', other)
        .type('form')
        .send({ email: 'inese@example.org' })
        .expect(303);
      const next = await request(context.app)
        .get(sent.headers.location!)
        .set('Accept-Language', other)
        .expect(200);
      assert.match(next.text, new RegExp(`<html lang="${language}">`), language);
      assert.ok(next.text.includes(`<h1>${title}</h1>`), language);
      assert.match(next.text, new RegExp(`href="/staff/sign-in\\?lang=${language}"`), language);
      const email = await mail();
      assert.equal(email.language, language);
      assert.match(email.text_body, new RegExp(`/staff/sign-in/[\\w-]+\\?lang=${language}`));
    }
  });

  it('limits sign-in links per address and per network address', async () => {
    for (let i = 0; i < 5; i += 1)
      await request(context.app)
        .post('/staff/sign-in')
        .type('form')
        .send({ email: 'inese@example.org' })
        .expect(303);
    await request(context.app)
      .post('/staff/sign-in')
      .type('form')
      .send({ email: 'inese@example.org' })
      .expect(429);
    assert.equal((await context.services.knex('outbox').where({ kind: 'staff-sign-in' })).length, 5);
  });

  it('accepts a TOTP code once, never replayed, and locks after five wrong ones, telling the owner', async () => {
    const first = await signIn(context, worker);
    later(MINUTE);
    const { agent, page } = await halfSignedIn();
    const code = await codeAt(first.secret, now);
    await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code })
      .expect(303);
    // The same code in another browser is a replay.
    const { agent: other, page: page2 } = await halfSignedIn();
    await other
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrfOf(page2.text), code })
      .expect(422);
    for (let i = 0; i < 3; i += 1)
      await other
        .post('/staff/two-factor')
        .type('form')
        .send({ _csrf: csrfOf(page2.text), code: '123456' })
        .expect(422);
    const locked = await other
      .post('/staff/two-factor?lang=en')
      .type('form')
      .send({ _csrf: csrfOf(page2.text), code: '654321' })
      .expect(423);
    assert.match(locked.text, /paused for 15 minutes/);
    const told = await context.services
      .knex('outbox')
      .where({ kind: 'staff-locked', to_email: worker.email });
    assert.equal(told.length, 1);
    // Even the right code waits out the lock.
    later(MINUTE);
    await other
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrfOf(page2.text), code: await codeAt(first.secret, now) })
      .expect(423);
  });

  it('never lets the emailed link alone enrol a new phone over an enrolled member’s', async () => {
    const first = await signIn(context, worker);
    later(MINUTE);
    // Someone who has only the link (a leaked email) signs in halfway…
    const { agent, page } = await halfSignedIn();
    // …and goes to the enrolment page instead of the code page: no key is made or shown.
    const asked = await agent.get('/staff/enrol').expect(303).expect('Location', '/staff/two-factor');
    assert.doesNotMatch(asked.text, /totp-secret/);
    const posted = await agent
      .post('/staff/enrol')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: '000000' })
      .expect(303)
      .expect('Location', '/staff/two-factor');
    assert.doesNotMatch(posted.text, /totp-secret/);
    await agent.get('/staff').expect(303);
    const [member] = await context.services.knex('staff_members').where({ id: worker.id });
    assert.equal(member.totp_pending_secret, null, 'no new key waits to be enrolled');
    // The owner's phone still signs in.
    await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: await codeAt(first.secret, now) })
      .expect(303);
    await agent.get('/staff').expect(200);
  });

  it('takes a recovery code instead of the phone, once', async () => {
    const agent = request.agent(context.app);
    await agent.post('/staff/sign-in').type('form').send({ email: worker.email }).expect(303);
    await agent
      .post(await signInLink(context, worker.email))
      .type('form')
      .send({})
      .expect(303);
    const enrol = await agent.get('/staff/enrol').expect(200);
    const secret = /data-qa="totp-secret">([^<]+)</.exec(enrol.text)![1]!.replace(/\s/g, '');
    const codes = await agent
      .post('/staff/enrol')
      .type('form')
      .send({ _csrf: csrfOf(enrol.text), code: await codeAt(secret, now) });
    const recovery = /<li><code>([a-z2-9-]+)<\/code>/.exec(codes.text)![1]!;
    for (const expected of [303, 422]) {
      const browser = request.agent(context.app);
      await browser.post('/staff/sign-in').type('form').send({ email: worker.email }).expect(303);
      await browser
        .post(await signInLink(context, worker.email))
        .type('form')
        .send({})
        .expect(303);
      const page = await browser.get('/staff/two-factor').expect(200);
      await browser
        .post('/staff/two-factor')
        .type('form')
        .send({ _csrf: csrfOf(page.text), code: recovery.toUpperCase() })
        .expect(expected);
    }
  });

  it('ends a session on sign-out on the server, so the same cookie in another browser opens nothing', async () => {
    const browser = await signIn(context, worker);
    await request(context.app).get('/staff').set('Cookie', browser.cookie).expect(200);
    await browser.agent.post('/staff/sign-out').type('form').send({ _csrf: browser.csrf }).expect(303);
    await browser.agent.get('/staff').expect(303);
    await request(context.app).get('/staff').set('Cookie', browser.cookie).expect(303);
  });

  it('ends a session after 30 idle minutes and after 12 hours whatever happens', async () => {
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
    const first = await signIn(context, worker);
    const agent = first.agent;
    /** Link and code in this browser; where the code's answer leads. */
    const signInAgain = async () => {
      const { page } = await halfSignedIn(agent);
      const done = await agent
        .post('/staff/two-factor')
        .type('form')
        .send({ _csrf: csrfOf(page.text), code: await codeAt(first.secret, now) })
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
