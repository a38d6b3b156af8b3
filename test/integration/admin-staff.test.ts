import assert from 'node:assert/strict';
import request from 'supertest';
import {
  HOSTILE,
  HOSTILE_SHOWN,
  adminWorld,
  auditCount,
  lastAudit,
  post,
  signedIn,
  type AdminWorld,
} from './admin-helpers.js';
import { signIn, signInLink } from '../support/staff.js';

const LIST = '/staff/admin/staff';

interface MemberRow {
  id: number;
  email: string;
  name: string;
  role: string;
  language: string;
  active: boolean;
}

describe('admin: staff members and roles', () => {
  let world: AdminWorld;
  const member = async (email: string) =>
    (await world.context.services.knex('staff_members').where({ email }).first()) as MemberRow;
  const contactCodes = async (staffId: number) =>
    (await world.context.services
      .knex('staff_contacts as sc')
      .join('contacts as c', 'c.id', 'sc.contact_id')
      .where('sc.staff_id', staffId)
      .orderBy('c.code')
      .pluck('c.code')) as string[];

  before(async () => {
    world = await adminWorld();
  });

  it('adds a staff member with contacts, who can then sign in', async () => {
    const form = await world.admin.agent.get(`${LIST}/new?lang=en`).expect(200);
    assert.match(form.text, /<legend class="field__label">Contacts<\/legend>/);
    await post(world.admin, LIST, {
      email: 'anna@example.org',
      name: 'Anna Bērziņa',
      role: 'parish_clerk',
      language: 'lv',
      contacts: ['kaunatas-admin', 'maltas-admin'],
    })
      .expect(303)
      .expect('Location', `${LIST}?done=added&lang=en`);
    const anna = await member('anna@example.org');
    assert.deepEqual([anna.name, anna.role, anna.active], ['Anna Bērziņa', 'parish_clerk', true]);
    assert.deepEqual(await contactCodes(anna.id), ['kaunatas-admin', 'maltas-admin']);
    const audit = await lastAudit(world, 'staff.add');
    assert.equal(audit.staff_id, world.admin.member.id, 'the admin who added her');
    assert.ok(audit.ip, 'from where, as every other admin change');
    assert.equal(audit.object_id, String(anna.id));
    assert.deepEqual(audit.after, {
      email: 'anna@example.org',
      name: 'Anna Bērziņa',
      role: 'parish_clerk',
      contacts: ['kaunatas-admin', 'maltas-admin'],
    });
    const list = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    await request(world.context.app)
      .post('/staff/sign-in')
      .type('form')
      .send({ email: 'anna@example.org' })
      .expect(303);
    assert.ok(
      await world.context.services
        .knex('outbox')
        .where({ kind: 'staff-sign-in', to_email: 'anna@example.org' })
        .first(),
    );
    assert.match(
      list.text,
      new RegExp(
        `data-qa="staff-${anna.id}">[\\s\\S]*?<td>Parish clerk</td>\\s*<td><ul class="admin-compact-list"><li>Kaunatas pagasta pārvalde</li><li>Maltas pagasta pārvalde</li></ul></td>\\s*<td>Active</td>\\s*<td>No</td>`,
      ),
    );
  });

  it('refuses an address that is taken or not one address, and contacts or roles that do not exist', async () => {
    const before = await auditCount(world);
    const taken = await post(world.admin, `${LIST}?lang=en`, {
      email: 'ANNA@example.org',
      name: 'Anna',
      role: 'parish_clerk',
      language: 'lv',
    }).expect(422);
    assert.match(
      taken.text,
      /data-qa="error-email">[\s\S]*?A staff member with this address exists already\./,
    );
    const bad = await post(world.admin, `${LIST}?lang=en`, {
      email: 'a@b.lv\r\nBcc: x@y.lv',
      name: HOSTILE,
      role: 'boss',
      language: 'lv',
      contacts: ['atlantis-admin'],
    }).expect(422);
    assert.match(bad.text, /data-qa="error-email"/);
    assert.match(bad.text, /data-qa="error-role">[\s\S]*?Choose one from the list\./);
    assert.match(bad.text, /data-qa="error-contacts">[\s\S]*?Choose one from the list\./);
    assert.match(
      bad.text,
      /id="field-contacts" data-qa="field-contacts" aria-describedby="field-contacts-error"/,
    );
    assert.ok(bad.text.includes(`value="${HOSTILE_SHOWN}"`));
    assert.equal(await auditCount(world), before);
  });

  it('changes a member’s role and contacts, with before and after in the audit log', async () => {
    const anna = await member('anna@example.org');
    const form = await world.admin.agent.get(`${LIST}/${anna.id}`).expect(200);
    assert.match(form.text, /value="kaunatas-admin" checked/);
    await post(world.admin, `${LIST}/${anna.id}`, {
      name: 'Anna Bērziņa',
      role: 'social_worker',
      language: 'en',
      active: '1',
      contacts: 'kaunatas-social',
    })
      .expect(303)
      .expect('Location', `${LIST}?done=saved&lang=en`);
    const changed = await member('anna@example.org');
    assert.deepEqual([changed.role, changed.language, changed.active], ['social_worker', 'en', true]);
    assert.deepEqual(await contactCodes(anna.id), ['kaunatas-social']);
    const audit = await lastAudit(world, 'staff.update');
    assert.deepEqual(audit.before, {
      email: 'anna@example.org',
      name: 'Anna Bērziņa',
      role: 'parish_clerk',
      language: 'lv',
      active: true,
      contacts: ['kaunatas-admin', 'maltas-admin'],
    });
    assert.deepEqual(audit.after, {
      email: 'anna@example.org',
      name: 'Anna Bērziņa',
      role: 'social_worker',
      language: 'en',
      active: true,
      contacts: ['kaunatas-social'],
    });
  });

  it('deactivating someone ends their sessions at once', async () => {
    const clerk = await signedIn(world, 'parish_clerk', 'janis@example.org', ['rikavas-admin']);
    await clerk.agent.get('/staff/admin').expect(403, /data-qa="staff-nav"/);
    await post(world.admin, `${LIST}/${clerk.member.id}`, {
      name: clerk.member.name,
      role: 'parish_clerk',
      language: 'lv',
      contacts: 'rikavas-admin',
    }).expect(303);
    assert.equal((await member('janis@example.org')).active, false);
    const sessions = (await world.context.services
      .knex('staff_sessions')
      .where({ staff_id: clerk.member.id })) as {
      revoked_at: Date | null;
    }[];
    assert.ok(sessions.length > 0 && sessions.every((session) => session.revoked_at !== null));
    await clerk.agent
      .get('/staff/admin')
      .expect(303)
      .expect('Location', '/staff/sign-in?next=%2Fstaff%2Fadmin');
    const audit = await lastAudit(world, 'staff.update');
    assert.deepEqual(
      [
        (audit.before as { active: boolean }).active,
        (audit.after as { active: boolean; sessionsRevoked: boolean }).active,
      ],
      [true, false],
    );
    assert.equal((audit.after as { sessionsRevoked: boolean }).sessionsRevoked, true);
    const list = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    assert.match(list.text, new RegExp(`data-qa="staff-${clerk.member.id}">[\\s\\S]*?<td>Deactivated</td>`));
  });

  it('resets a member’s two-factor sign-in who lost their phone: codes gone, sessions ended, told by email', async () => {
    const worker = await signedIn(world, 'social_worker', 'zuda.telefons@example.org', ['rikavas-social']);
    const page = await world.admin.agent.get(`${LIST}/${worker.member.id}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="two-factor-form"/);
    // The button asks first, naming the member; nothing is reset until that is confirmed.
    const asked = await post(world.admin, `${LIST}/${worker.member.id}/two-factor?lang=en`).expect(200);
    assert.match(asked.text, /<h1>Reset two-factor sign-in of [^<]+\?<\/h1>/);
    assert.ok(asked.text.includes('zuda.telefons@example.org'));
    assert.match(asked.text, /name="confirm" value="yes"/);
    assert.match(
      asked.text,
      new RegExp(
        `data-qa="confirm-cancel"[^>]*>|href="${LIST}/${worker.member.id}" data-qa="confirm-cancel"`,
      ),
    );
    const untouched = await world.context.services
      .knex('staff_members')
      .where({ id: worker.member.id })
      .first();
    assert.ok(untouched.totp_secret, 'not reset by the first step');
    await worker.agent.get('/staff').expect(200);
    await post(world.admin, `${LIST}/${worker.member.id}/two-factor`, { confirm: 'yes' })
      .expect(303)
      .expect('Location', `${LIST}/${worker.member.id}?done=twoFactorReset&lang=en`);
    const done = await world.admin.agent.get(`${LIST}/${worker.member.id}?lang=en&done=twoFactorReset`);
    assert.match(done.text, /data-qa="notice">Two-factor sign-in reset; the member has been emailed\./);
    assert.match(done.text, /Two-factor sign-in is not set up yet/);
    const row = await world.context.services.knex('staff_members').where({ id: worker.member.id }).first();
    assert.deepEqual([row.totp_secret, row.totp_enrolled_at], [null, null]);
    const codes = world.context.services.knex('staff_recovery_codes').where({ staff_id: worker.member.id });
    assert.equal((await codes).length, 0);
    // Signed out at once; the old phone's code no longer signs in; the next link enrols a new phone.
    await worker.agent.get('/staff').expect(303);
    world.later(60_000);
    const again = await signIn(world.context, worker.member);
    assert.notEqual(again.secret, worker.secret);
    const told = await world.context.services
      .knex('outbox')
      .where({ kind: 'staff-two-factor-reset', to_email: 'zuda.telefons@example.org' });
    assert.equal(told.length, 1);
    assert.match(told[0].text_body, /atiestatīja jūsu divpakāpju pieslēgšanos/);
    const audit = await lastAudit(world, 'staff.two-factor-reset');
    assert.equal(audit.object_id, String(worker.member.id));
    // Never one's own, and never by anyone but an admin.
    const own = await world.admin.agent.get(`${LIST}/${world.admin.member.id}?lang=en`).expect(200);
    assert.doesNotMatch(own.text, /data-qa="two-factor-form"/);
    await post(world.admin, `${LIST}/${world.admin.member.id}/two-factor`).expect(403);
    await post(world.admin, `${LIST}/${world.admin.member.id}/two-factor`, { confirm: 'yes' }).expect(403);
    await post(again, `${LIST}/${world.admin.member.id}/two-factor`, { confirm: 'yes' }).expect(403);
    const admin = await world.context.services
      .knex('staff_members')
      .where({ id: world.admin.member.id })
      .first();
    assert.ok(admin.totp_secret, 'the admin keeps theirs');
  });

  it('deactivating someone cancels the sign-in links already emailed to them, past reactivation', async () => {
    const clerk = await signedIn(world, 'parish_clerk', 'liga@example.org', ['rikavas-admin']);
    const fields = {
      name: clerk.member.name,
      role: 'parish_clerk',
      language: 'lv',
      contacts: 'rikavas-admin',
    };
    const stranger = request.agent(world.context.app);
    await stranger.post('/staff/sign-in').type('form').send({ email: 'liga@example.org' }).expect(303);
    const link = await signInLink(world.context, 'liga@example.org');
    await post(world.admin, `${LIST}/${clerk.member.id}`, fields).expect(303);
    await post(world.admin, `${LIST}/${clerk.member.id}`, { ...fields, active: '1' }).expect(303);
    assert.equal((await member('liga@example.org')).active, true);
    // The link is minutes old, unused: it must not open a session now that she is active again.
    await stranger.post(link).type('form').send({}).expect(410);
    const audit = await lastAudit(world, 'staff.update');
    assert.equal((audit.after as { active: boolean }).active, true);
  });

  it('does not let an administrator demote or deactivate themselves', async () => {
    const me = world.admin.member;
    const before = await auditCount(world);
    const demoted = await post(world.admin, `${LIST}/${me.id}?lang=en`, {
      name: me.name,
      role: 'moderator',
      language: 'lv',
      active: '1',
    }).expect(422);
    assert.match(
      demoted.text,
      /data-qa="error-role">[\s\S]*?You cannot take the administrator role from yourself/,
    );
    const deactivated = await post(world.admin, `${LIST}/${me.id}?lang=en`, {
      name: me.name,
      role: 'admin',
      language: 'lv',
    }).expect(422);
    assert.match(deactivated.text, /data-qa="error-active">[\s\S]*?You cannot deactivate yourself/);
    assert.match(
      deactivated.text,
      /id="field-active"[^>]*aria-describedby="field-active-hint field-active-error" aria-invalid="true"/,
    );
    const still = await member(me.email);
    assert.deepEqual([still.role, still.active], ['admin', true]);
    assert.equal(await auditCount(world), before);
    await world.admin.agent.get('/staff/admin').expect(200);
  });

  it('answers 404 for a staff member who does not exist', async () => {
    await world.admin.agent.get(`${LIST}/987654`).expect(404);
    await post(world.admin, `${LIST}/987654`, {
      name: 'X',
      role: 'admin',
      language: 'lv',
      active: '1',
    }).expect(404);
  });
});
