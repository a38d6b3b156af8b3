import assert from 'node:assert/strict';
import request from 'supertest';
import { codeAt, csrfOf, signInLink } from '../support/staff.js';
import { MINUTE, signInApp } from './staff-auth-helpers.js';

describe('staff sign in with an emailed link and a TOTP code: the link', () => {
  const auth = signInApp();

  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    ([] as string[])
      .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
      .find((c) => c.startsWith('tilts-staff='));

  it('walks a new member through the link, enrolment with a QR code, recovery codes and the workspace', async () => {
    const { context, worker } = auth();
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
      .send({ _csrf: csrfOf(enrol.text), code: await codeAt(secret, auth().now) })
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
    const { context, later } = auth();
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
    (await auth()
      .context.services.knex('outbox')
      .where({ kind: 'staff-sign-in' })
      .orderBy('id', 'desc')
      .first()) as { language: string; subject: string; text_body: string };

  it('sends the link in the language chosen on the sign-in page, else in the member’s own', async () => {
    const { context } = auth();
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
    const { context } = auth();
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
    const { context } = auth();
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
});
