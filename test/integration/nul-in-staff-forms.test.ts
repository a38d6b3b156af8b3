import assert from 'node:assert/strict';
import request from 'supertest';
import { postForm } from '../support/staff.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

/*
 * A NUL (or another control character) typed in the email field of a staff or admin form is
 * dropped, as from the public forms' (src/web/clean-text.ts): never put back into the form shown
 * again, where the browser would send it once more and PostgreSQL would refuse it.
 */
describe('a NUL typed in the email field of a staff or admin form', () => {
  let desk: StaffWorkspace;
  before(async () => {
    desk = await staffWorkspace();
  });

  // Not an address even without the NUL: every form refuses it and shows it again.
  const TYPED = 'anna\u0000@example';
  const refilled = (res: { status: number; text: string }, value = 'anna@example') => {
    assert.equal(res.status, 422, res.text.slice(0, 300));
    assert.ok(!res.text.includes('\u0000'), 'no NUL in the page');
    assert.ok(res.text.includes(`value="${value}"`), `refilled with ${value}`);
  };

  it('is not put back into the sign-in form', async () => {
    const res = await request(desk.context.app)
      .post('/staff/sign-in')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send('email=anna%00%40example');
    refilled(res);
  });

  it('is not put back into a new contact’s form, nor the addresses page', async () => {
    refilled(
      await postForm(desk.admin, '/staff/admin/contacts', {
        code: 'jauns',
        name: 'Jauns',
        email: TYPED,
        role: 'parish_admin',
        parish: 'kaunatas',
        language: 'lv',
      }),
    );
    const contact = (await desk.context.services.knex('contacts').orderBy('id').first('id')) as {
      id: number;
    };
    refilled(
      await postForm(desk.admin, '/staff/admin/contacts/addresses', { [`email-${contact.id}`]: TYPED }),
    );
  });

  it('is not put back into a new staff member’s form', async () => {
    refilled(
      await postForm(desk.admin, '/staff/admin/staff', {
        email: TYPED,
        name: 'Anna',
        role: 'parish_clerk',
        language: 'lv',
      }),
    );
  });

  it('is not put back into the form erasing a follower’s address', async () => {
    refilled(await postForm(desk.admin, '/staff/admin/erase-subscriber', { email: TYPED }));
  });

  it('is not put back into the form banning a sender', async () => {
    refilled(
      await postForm(desk.admin, '/staff/moderation/bans', {
        kind: 'address',
        value: TYPED,
        reason: 'Mēstules',
      }),
    );
  });

  it('is not put back into the form taking a report by phone', async () => {
    refilled(
      await postForm(desk.worker, '/staff/reports', {
        source: 'phone',
        category: desk.kaunataPublic.categoryCode,
        title: 'Bedre',
        description: 'Bedre ceļā.',
        parish: 'kaunatas',
        location: 'Ceļš',
        name: 'Anna',
        email: TYPED,
        phone: '',
        language: 'lv',
      }),
    );
  });
});
