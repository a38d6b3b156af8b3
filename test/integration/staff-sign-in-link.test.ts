import assert from 'node:assert/strict';
import request from 'supertest';
import { signInLink } from '../support/staff.js';
import { MINUTE, signInApp } from './staff-auth-helpers.js';

/** A staff sign-in link, opened: its button only when pressing it would sign in. */
describe('opening a staff sign-in link', () => {
  const auth = signInApp();

  async function freshLink(): Promise<string> {
    const { context, worker } = auth();
    await request(context.app).post('/staff/sign-in').type('form').send({ email: worker.email }).expect(303);
    return signInLink(context, worker.email);
  }

  const refusedAtOnce = async (path: string) => {
    const page = await request(auth().context.app).get(`${path}?lang=en`).expect(410);
    assert.match(page.text, /This link does not work any more/);
    assert.match(page.text, /data-qa="link-invalid"/);
    assert.doesNotMatch(page.text, /data-qa="link-form"/);
  };

  it('shows the button for a link that would sign in, and opening it uses nothing', async () => {
    const { context } = auth();
    const link = await freshLink();
    const page = await request(context.app).get(link).expect(200);
    assert.match(page.text, /data-qa="link-form"/);
    await request(context.app).get(link).expect(200);
    await request(context.app).post(link).type('form').send({}).expect(303);
  });

  it('says at once that a used, expired, forged or malformed link does not work', async () => {
    const { context } = auth();
    const used = await freshLink();
    await request(context.app).post(used).type('form').send({}).expect(303);
    await refusedAtOnce(used);
    const late = await freshLink();
    auth().later(11 * MINUTE);
    await refusedAtOnce(late);
    await refusedAtOnce(`${late.slice(0, -4)}AAAA`);
    await refusedAtOnce('/staff/sign-in/short');
  });

  it('says at once that an earlier link does not work once a newer one was sent, and the newer one signs in', async () => {
    const { context } = auth();
    const first = await freshLink();
    auth().later(MINUTE);
    const second = await freshLink();
    assert.notEqual(first, second);
    await refusedAtOnce(first);
    // A member who asked twice and opened the first email is sent to the latest, not to ask again
    // (which would end the newer link too).
    assert.match(
      (await request(context.app).get(`${first}?lang=en`).expect(410)).text,
      /if you asked more than once, open the latest email/,
    );
    const pressed = await request(context.app).post(`${first}?lang=en`).type('form').send({}).expect(410);
    assert.match(pressed.text, /This link does not work any more/);
    await request(context.app).get(second).expect(200);
    await request(context.app).post(second).type('form').send({}).expect(303);
  });

  it('says at once that the link of a member made inactive since does not work', async () => {
    const { context, worker } = auth();
    const link = await freshLink();
    await context.services.knex('staff_members').where({ id: worker.id }).update({ active: false });
    await refusedAtOnce(link);
    await request(context.app).post(link).type('form').send({}).expect(410);
  });
});
