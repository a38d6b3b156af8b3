import assert from 'node:assert/strict';
import request from 'supertest';
import { codeAt, csrfOf, signIn, signInLink } from '../support/staff.js';
import { MINUTE, signInApp } from './staff-auth-helpers.js';

describe('staff sign in with an emailed link and a TOTP code: the second factor', () => {
  const auth = signInApp();

  it('accepts a TOTP code once, never replayed, and locks after five wrong ones, telling the owner', async () => {
    const { context, worker, later, halfSignedIn } = auth();
    const first = await signIn(context, worker);
    later(MINUTE);
    const { agent, page } = await halfSignedIn();
    const code = await codeAt(first.secret, auth().now);
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
      .send({ _csrf: csrfOf(page2.text), code: await codeAt(first.secret, auth().now) })
      .expect(423);
  });

  it('never lets the emailed link alone enrol a new phone over an enrolled member’s', async () => {
    const { context, worker, later, halfSignedIn } = auth();
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
      .send({ _csrf: csrfOf(page.text), code: await codeAt(first.secret, auth().now) })
      .expect(303);
    await agent.get('/staff').expect(200);
  });

  it('takes a recovery code instead of the phone, once', async () => {
    const { context, worker } = auth();
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
      .send({ _csrf: csrfOf(enrol.text), code: await codeAt(secret, auth().now) });
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
});

describe('a code that is not six digits', () => {
  const auth = signInApp();

  it('is asked for as six digits at set-up, with the same key and QR code, and is not counted', async () => {
    const { context, worker } = auth();
    const agent = request.agent(context.app);
    await agent.post('/staff/sign-in').type('form').send({ email: worker.email }).expect(303);
    await agent
      .post(await signInLink(context, worker.email))
      .type('form')
      .send({})
      .expect(303);
    const enrol = await agent.get('/staff/enrol?lang=en').expect(200);
    const secretOf = (html: string) => /data-qa="totp-secret">([^<]+)</.exec(html)![1]!;
    for (const code of ['abcdef', '12 345', '']) {
      const slip = await agent
        .post('/staff/enrol?lang=en')
        .type('form')
        .send({ _csrf: csrfOf(enrol.text), code })
        .expect(422);
      assert.match(slip.text, /Type the six digits from your authenticator app\./);
      assert.doesNotMatch(slip.text, /already used/);
      assert.equal(secretOf(slip.text), secretOf(enrol.text), 'the key the phone scanned');
      assert.match(slip.text, /<svg[^>]*viewBox/);
      if (code) assert.ok(slip.text.includes(`value="${code}"`), 'what was typed, to correct');
    }
    const [member] = await context.services.knex('staff_members').where({ id: worker.id });
    assert.equal(member.failed_codes, 0);
  });

  it('is asked for as six digits at sign-in, in every language, and is not counted', async () => {
    const { context, worker, later, halfSignedIn } = auth();
    await signIn(context, worker);
    later(MINUTE);
    const { agent, page } = await halfSignedIn();
    for (const [lang, words] of [
      ['lv', 'Ievadiet sešus ciparus no autentifikācijas lietotnes.'],
      ['en', 'Type the six digits from your authenticator app.'],
      ['ru', 'Введите шесть цифр из приложения-аутентификатора.'],
    ] as const) {
      const slip = await agent
        .post(`/staff/two-factor?lang=${lang}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), code: 'abc' })
        .expect(422);
      assert.ok(slip.text.includes(words), lang);
      assert.ok(slip.text.includes('value="abc"'));
    }
    const [member] = await context.services.knex('staff_members').where({ id: worker.id });
    assert.equal(member.failed_codes, 0);
    // A wrong code of six digits is still a wrong one.
    const wrong = await agent
      .post('/staff/two-factor?lang=en')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: '123456' })
      .expect(422);
    assert.match(wrong.text, /not right, or it was already used/);
  });
});
