import assert from 'node:assert/strict';
import {
  HOSTILE,
  HOSTILE_SHOWN,
  adminWorld,
  auditCount,
  lastAudit,
  post,
  type AdminWorld,
} from './admin-helpers.js';

const LIST = '/staff/admin/contacts';

interface ContactRow {
  id: number;
  code: string;
  role: string;
  parish_code: string | null;
  name: string;
  email: string;
  language: string;
  bouncing_since: Date | null;
}

const contactForm = (changes: Record<string, string> = {}) => ({
  code: 'kaunatas-social-2',
  name: 'Kaunatas pagasta sociālā darbiniece Anna',
  email: 'anna.social@example.org',
  role: 'social_worker',
  parish: 'kaunatas',
  language: 'lv',
  ...changes,
});

describe('admin: contacts and bouncing addresses', () => {
  let world: AdminWorld;
  const contact = async (code: string) =>
    (await world.context.services.knex('contacts').where({ code }).first()) as ContactRow;

  before(async () => {
    world = await adminWorld();
  });

  it('lists every contact with its role, parish, address and delivery', async () => {
    await world.context.services
      .knex('contacts')
      .where({ code: 'maltas-admin' })
      .update({
        bouncing_since: new Date('2026-12-01T08:30:00Z'),
      });
    const page = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    assert.match(
      page.text,
      /data-qa="contact-kaunatas-admin">\s*<th scope="row"><a href="\/staff\/admin\/contacts\/\d+">Kaunatas pagasta pārvalde<\/a><\/th>\s*<td>Parish administration<\/td>\s*<td>Kaunata parish<\/td>\s*<td class="admin-address">kaunatas.parvalde@example.org<\/td>/,
    );
    assert.match(
      page.text,
      /data-qa="contact-novads">[\s\S]*?<td>Municipality<\/td>\s*<td>Whole novads<\/td>/,
    );
    assert.match(
      page.text,
      /data-qa="contact-maltas-admin">[\s\S]*?Bouncing since 1 Dec 2026, 10:30:00/,
      'in Riga time',
    );
    const bouncing = await world.admin.agent.get(`${LIST}?bouncing=1&lang=en`).expect(200);
    assert.deepEqual(
      [...bouncing.text.matchAll(/data-qa="contact-([\w-]+)"/g)].map((m) => m[1]),
      ['maltas-admin'],
    );
  });

  it('confirms a bouncing address works again, with the audit row', async () => {
    const { id } = await contact('maltas-admin');
    await post(world.admin, `${LIST}/${id}/fixed`)
      .expect(303)
      .expect('Location', `${LIST}?done=fixed&lang=en`);
    assert.equal((await contact('maltas-admin')).bouncing_since, null);
    const audit = await lastAudit(world, 'contact.bouncing-cleared');
    assert.equal(audit.object_id, String(id));
    assert.deepEqual(audit.before, {
      email: 'maltas.parvalde@example.org',
      bouncingSince: '2026-12-01T08:30:00.000Z',
    });
    assert.deepEqual(audit.after, { email: 'maltas.parvalde@example.org', bouncingSince: null });
    // Pressing it again changes nothing and writes nothing.
    const count = await auditCount(world, 'contact.bouncing-cleared');
    await post(world.admin, `${LIST}/${id}/fixed`).expect(303);
    assert.equal(await auditCount(world, 'contact.bouncing-cleared'), count);
    const page = await world.admin.agent.get(`${LIST}?bouncing=1&done=fixed&lang=en`).expect(200);
    assert.match(page.text, /data-qa="no-contacts">No address bounces\./);
    assert.match(page.text, /data-qa="notice">Done: the address counts as working again\./);
  });

  it('adds a contact, whom routing and staff can then use', async () => {
    await world.admin.agent.get(`${LIST}/new`).expect(200);
    await post(world.admin, LIST, contactForm()).expect(303).expect('Location', `${LIST}?done=added&lang=en`);
    const added = await contact('kaunatas-social-2');
    assert.deepEqual(
      [added.role, added.parish_code, added.name, added.email, added.language, added.bouncing_since],
      [
        'social_worker',
        'kaunatas',
        'Kaunatas pagasta sociālā darbiniece Anna',
        'anna.social@example.org',
        'lv',
        null,
      ],
    );
    const audit = await lastAudit(world, 'contact.add');
    assert.equal(audit.object_id, String(added.id));
    assert.deepEqual(audit.after, {
      code: 'kaunatas-social-2',
      role: 'social_worker',
      parishCode: 'kaunatas',
      name: 'Kaunatas pagasta sociālā darbiniece Anna',
      email: 'anna.social@example.org',
      language: 'lv',
      bouncingSince: null,
    });
    const taken = await post(world.admin, `${LIST}?lang=en`, contactForm()).expect(422);
    assert.match(taken.text, /data-qa="error-code">[\s\S]*?This code is taken/);
  });

  it('edits a contact; a new address clears the old one’s bouncing mark', async () => {
    const { knex } = world.context.services;
    await knex('contacts').where({ code: 'rikavas-admin' }).update({ bouncing_since: new Date() });
    const { id } = await contact('rikavas-admin');
    const form = await world.admin.agent.get(`${LIST}/${id}?lang=en`).expect(200);
    assert.match(form.text, /data-qa="bouncing-notice"/);
    assert.match(form.text, /<option value="rikavas" selected>/);
    await post(world.admin, `${LIST}/${id}`, {
      name: 'Rikavas pagasta pārvalde',
      email: 'parvalde@rikava.example.org',
      role: 'parish_admin',
      parish: 'rikavas',
      language: 'ru',
    })
      .expect(303)
      .expect('Location', `${LIST}?done=saved&lang=en`);
    const edited = await contact('rikavas-admin');
    assert.deepEqual(
      [edited.email, edited.language, edited.bouncing_since],
      ['parvalde@rikava.example.org', 'ru', null],
    );
    const audit = await lastAudit(world, 'contact.update');
    assert.equal((audit.before as { email: string }).email, 'rikavas.parvalde@example.org');
    assert.notEqual((audit.before as { bouncingSince: string | null }).bouncingSince, null);
    assert.deepEqual(
      [(audit.after as { email: string }).email, (audit.after as { bouncingSince: null }).bouncingSince],
      ['parvalde@rikava.example.org', null],
    );
  });

  it('refuses an address that is not exactly one, and a parish that does not fit the role', async () => {
    const { id } = await contact('kaunatas-admin');
    const before = await auditCount(world);
    for (const email of [
      'not-an-address',
      'a@b.lv, c@d.lv',
      'a@b.lv\r\nBcc: everyone@example.org',
      'Anna <anna@example.org>',
      `${'a'.repeat(250)}@example.org`,
      '',
    ]) {
      const res = await post(
        world.admin,
        `${LIST}/${id}?lang=en`,
        contactForm({ email, role: 'parish_admin' }),
      ).expect(422);
      assert.match(res.text, /data-qa="error-email"/, email);
      // One message for the field, in the summary as beside it: never "fill this in" and "not one".
      const summary = /data-qa="error-summary"[\s\S]*?<\/ul>/.exec(res.text)?.[0] ?? '';
      assert.equal([...summary.matchAll(/href="#field-email"/g)].length, 1, `${email}: ${summary}`);
    }
    const municipal = await post(
      world.admin,
      `${LIST}/${id}?lang=en`,
      contactForm({ role: 'municipality' }),
    ).expect(422);
    assert.match(municipal.text, /data-qa="error-parish">[\s\S]*?the municipality has none/);
    const parishless = await post(world.admin, `${LIST}/${id}?lang=en`, contactForm({ parish: '' })).expect(
      422,
    );
    assert.match(parishless.text, /data-qa="error-parish">[\s\S]*?needs a parish/);
    const unknown = await post(
      world.admin,
      `${LIST}/${id}?lang=en`,
      contactForm({ parish: 'atlantis', role: 'owner', language: 'fr' }),
    ).expect(422);
    assert.match(unknown.text, /data-qa="error-parish">[\s\S]*?Choose one from the list/);
    assert.match(unknown.text, /data-qa="error-role">[\s\S]*?Choose one from the list/);
    assert.match(unknown.text, /data-qa="error-language">[\s\S]*?Choose one from the list/);
    assert.equal(await auditCount(world), before);
    assert.equal((await contact('kaunatas-admin')).email, 'kaunatas.parvalde@example.org');
  });

  it('keeps HTML in a name as text, and shows it escaped', async () => {
    const res = await post(
      world.admin,
      `${LIST}?lang=en`,
      contactForm({ code: 'x', name: HOSTILE, email: 'bad' }),
    ).expect(422);
    assert.ok(res.text.includes(`value="${HOSTILE_SHOWN}"`));
    await post(
      world.admin,
      LIST,
      contactForm({ code: 'hostile', name: HOSTILE, email: 'h@example.org' }),
    ).expect(303);
    assert.equal((await contact('hostile')).name, '<script>alert(1)</script> & "quoted"');
    const list = await world.admin.agent.get(LIST).expect(200);
    assert.ok(list.text.includes(HOSTILE_SHOWN));
    assert.doesNotMatch(list.text, /<script>alert/);
  });
});
