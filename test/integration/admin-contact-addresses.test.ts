import assert from 'node:assert/strict';
import { adminWorld, auditCount, post, signedIn, type AdminWorld } from './admin-helpers.js';

const LIST = '/staff/admin/contacts';
const ADDRESSES = '/staff/admin/contacts/addresses';

interface ContactRow {
  id: number;
  code: string;
  email: string;
  bouncing_since: Date | null;
}

/** The addresses page: each contact of a new install at a placeholder address is entered at once. */
describe('admin: every contact address on one page, placeholders first', () => {
  let world: AdminWorld;
  const contacts = async () =>
    (await world.context.services
      .knex('contacts')
      .orderBy('id')
      .select('id', 'code', 'email', 'bouncing_since')) as ContactRow[];
  const contact = async (code: string) => (await contacts()).find((row) => row.code === code)!;
  /** The whole form as a browser sends it: every contact's stored address, with these changes. */
  const form = async (changes: Record<string, string> = {}) =>
    Object.fromEntries(
      (await contacts()).map((row) => [`email-${row.id}`, changes[row.code] ?? row.email]),
    ) as Record<string, string>;
  const fieldOrder = (html: string) =>
    [...html.matchAll(/data-qa="field-email-(\d+)"/g)].map((match) => Number(match[1]));

  before(async () => {
    world = await adminWorld();
    // Two contacts already have real addresses; the other seeded ones are at example.org.
    const { knex } = world.context.services;
    await knex('contacts').where({ code: 'novads' }).update({ email: 'tilts@rezeknesnovads.lv' });
    await knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: 'parvalde@kaunata.lv' });
  });

  it('counts the contacts at a placeholder address on the overview, linking to the addresses page', async () => {
    const all = await contacts();
    const placeholders = all.filter((row) => !row.email.endsWith('.lv')).length;
    assert.equal(placeholders, all.length - 2);
    const page = await world.admin.agent.get('/staff/admin?lang=en').expect(200);
    assert.match(
      page.text,
      new RegExp(
        `data-qa="count-placeholders"><a href="/staff/admin/contacts/addresses">${placeholders} contacts still have placeholder addresses`,
      ),
    );
    const latvian = await world.admin.agent.get('/staff/admin?lang=lv').expect(200);
    assert.match(latvian.text, new RegExp(`${placeholders} kontaktiem joprojām ir pagaidu adreses`));
  });

  it('tags each contact at a placeholder address in the list, in words', async () => {
    const page = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    const row = (code: string) => new RegExp(`data-qa="contact-${code}">[\\s\\S]*?</tr>`).exec(page.text)![0];
    assert.match(
      row('maltas-admin'),
      /<span class="tag tag--placeholder" data-qa="placeholder">Placeholder address<\/span>/,
    );
    assert.doesNotMatch(row('maltas-admin'), /Works/);
    assert.doesNotMatch(row('kaunatas-admin'), /data-qa="placeholder"/);
    assert.match(row('kaunatas-admin'), /Works/);
    assert.match(page.text, /<a href="\/staff\/admin\/contacts\/addresses" data-qa="edit-addresses">/);
  });

  it('lists every contact with a labelled, prefilled field, the placeholders first', async () => {
    const page = await world.admin.agent.get(`${ADDRESSES}?lang=en`).expect(200);
    const all = await contacts();
    const order = fieldOrder(page.text);
    assert.equal(order.length, all.length, 'one field per contact');
    const real = [(await contact('novads')).id, (await contact('kaunatas-admin')).id];
    assert.deepEqual(
      order.slice(-2),
      real,
      'the contacts with real addresses come last, in the list’s order',
    );
    const kaunata = await contact('kaunatas-admin');
    assert.match(
      page.text,
      new RegExp(
        `<label class="field__label" for="field-email-${kaunata.id}">Kaunatas pagasta pārvalde — Parish administration, Kaunata parish`,
      ),
    );
    assert.match(
      page.text,
      new RegExp(
        `id="field-email-${kaunata.id}" name="email-${kaunata.id}" type="email" value="parvalde@kaunata.lv"`,
      ),
    );
    const malta = await contact('maltas-social');
    assert.match(
      page.text,
      new RegExp(`id="field-email-${malta.id}-hint">Placeholder address: mail sent to it reaches no one\\.`),
    );
    assert.match(page.text, new RegExp(`value="maltas.socialais@example.org"`));
    assert.match(
      page.text,
      /<label class="field__label" for="field-email-\d+">[^<]*— Municipality, Whole novads/,
    );
  });

  it('saves nothing when one address is wrong, and shows the form again as typed with its errors', async () => {
    const before = await contacts();
    const audits = await auditCount(world);
    const malta = await contact('maltas-admin');
    const rikava = await contact('rikavas-admin');
    const res = await post(
      world.admin,
      `${ADDRESSES}?lang=en`,
      await form({ 'maltas-admin': 'parvalde@malta.lv', 'rikavas-admin': 'not an address' }),
    ).expect(422);
    assert.deepEqual(await contacts(), before, 'no contact changed');
    assert.equal(await auditCount(world), audits, 'nothing audited');
    assert.match(res.text, /<title>Error:/);
    assert.match(
      res.text,
      new RegExp(
        `data-qa="error-summary"[\\s\\S]*?<a href="#field-email-${rikava.id}">Rikavas pagasta pārvalde — Parish administration, [^:]+: Enter one email address`,
      ),
    );
    assert.match(
      res.text,
      new RegExp(`data-qa="error-email-${rikava.id}">[\\s\\S]*?Enter one email address`),
    );
    assert.match(res.text, new RegExp(`name="email-${rikava.id}" type="email" value="not an address"`));
    assert.match(
      res.text,
      new RegExp(`name="email-${malta.id}" type="email" value="parvalde@malta.lv"`),
      'the good one kept',
    );
    assert.equal(
      [...res.text.matchAll(/data-qa="error-email-/g)].length,
      1,
      'only the wrong field has an error',
    );
  });

  it('changes each contact whose address changed, in one go, audited one row per contact', async () => {
    const { knex } = world.context.services;
    await knex('contacts').where({ code: 'maltas-social' }).update({ bouncing_since: new Date() });
    const before = await contacts();
    const changedCodes = ['maltas-admin', 'maltas-social', 'rikavas-social'];
    const auditsBefore = await auditCount(world, 'contact.update');
    const lastAuditId = Number(((await knex('audit_log').max({ id: 'id' })) as { id: number }[])[0]!.id ?? 0);
    const body = await form({
      'maltas-admin': 'parvalde@malta.lv',
      'maltas-social': 'socialais@malta.lv',
      'rikavas-social': 'socialais@rikava.lv',
      // Only spaces around the stored address: no change.
      'kaunatas-admin': '  parvalde@kaunata.lv ',
    });
    await post(world.admin, ADDRESSES, body)
      .expect(303)
      .expect('Location', `${LIST}?done=addresses&changed=3&lang=en`);
    const after = await contacts();
    for (const row of after) {
      const old = before.find((other) => other.id === row.id)!;
      if (changedCodes.includes(row.code)) assert.notEqual(row.email, old.email, row.code);
      else assert.deepEqual(row, old, `${row.code} untouched`);
    }
    assert.equal((await contact('maltas-social')).email, 'socialais@malta.lv');
    assert.equal(
      (await contact('maltas-social')).bouncing_since,
      null,
      'a new address is not known to bounce',
    );
    assert.equal(await auditCount(world, 'contact.update'), auditsBefore + 3);
    const rows = (await knex('audit_log')
      .where('id', '>', lastAuditId)
      .orderBy('id')
      .select('action', 'object_type', 'object_id', 'staff_id', 'before', 'after')) as {
      action: string;
      object_type: string;
      object_id: string;
      staff_id: number;
      before: unknown;
      after: unknown;
    }[];
    const changedIds = changedCodes.map((code) => String(before.find((row) => row.code === code)!.id));
    assert.deepEqual(
      rows.map((row) => row.object_id).sort(),
      [...changedIds].sort(),
      'one row per changed contact, none for the others',
    );
    for (const row of rows) {
      assert.equal(row.action, 'contact.update');
      assert.equal(row.object_type, 'contact');
      assert.equal(row.staff_id, world.admin.member.id);
    }
    const parsed = (value: unknown) =>
      (typeof value === 'string' ? JSON.parse(value) : value) as {
        email: string;
        bouncingSince: string | null;
      };
    const social = rows.find((row) => row.object_id === changedIds[1])!;
    assert.equal(parsed(social.before).email, 'maltas.socialais@example.org');
    assert.notEqual(parsed(social.before).bouncingSince, null);
    assert.deepEqual(
      [parsed(social.after).email, parsed(social.after).bouncingSince],
      ['socialais@malta.lv', null],
    );

    const list = await world.admin.agent.get(`${LIST}?done=addresses&changed=3&lang=en`).expect(200);
    assert.match(list.text, /data-qa="notice">Saved: 3 addresses changed\./);
    const overview = await world.admin.agent.get('/staff/admin?lang=en').expect(200);
    assert.match(overview.text, new RegExp(`${before.length - 5} contacts still have placeholder addresses`));
  });

  it('writes nothing when no address changed', async () => {
    const before = await contacts();
    const audits = await auditCount(world);
    await post(world.admin, ADDRESSES, await form())
      .expect(303)
      .expect('Location', `${LIST}?done=unchanged&lang=en`);
    // A field the form did not send keeps its stored address.
    await post(world.admin, ADDRESSES, {}).expect(303).expect('Location', `${LIST}?done=unchanged&lang=en`);
    assert.deepEqual(await contacts(), before);
    assert.equal(await auditCount(world), audits);
    const list = await world.admin.agent.get(`${LIST}?done=unchanged&lang=en`).expect(200);
    assert.match(list.text, /data-qa="notice">No address was changed\./);
  });

  it('says nothing on the overview once every contact has a real address', async () => {
    const all = await contacts();
    await post(
      world.admin,
      ADDRESSES,
      Object.fromEntries(all.map((row) => [`email-${row.id}`, `${row.code}@rezeknesnovads.lv`])),
    ).expect(303);
    const page = await world.admin.agent.get('/staff/admin?lang=en').expect(200);
    assert.doesNotMatch(page.text, /count-placeholders/);
    const list = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    assert.doesNotMatch(list.text, /data-qa="placeholder"/);
  });

  it('refuses anyone but an administrator, changing nothing', async () => {
    const moderator = await signedIn(world, 'moderator');
    const before = await contacts();
    const page = await moderator.agent.get(ADDRESSES).expect(403);
    assert.match(page.text, /Jūsu loma neļauj atvērt šo lapu/);
    await post(moderator, ADDRESSES, await form({ 'maltas-admin': 'x@evil.lv' })).expect(403);
    assert.deepEqual(await contacts(), before);
  });
});
