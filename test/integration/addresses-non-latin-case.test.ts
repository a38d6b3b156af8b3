import assert from 'node:assert/strict';
import * as addressesStoredLower from '../../migrations/20270109020000_addresses_stored_lower.js';
import { ContactRepository } from '../../src/contacts/repository.js';
import { StaffRepository } from '../../src/staff/repository.js';
import { makeApp, type TestContext } from '../support/app.js';

/*
 * An address with capital non-Latin letters, in its local part and its domain, is found however a
 * message or a form spells it, on PGlite (whose lower() leaves `Ā` as it is) as on PostgreSQL: a
 * contact's and a staff account's addresses are kept lower-cased by JavaScript, never by SQL.
 */
describe('a contact’s or staff member’s address with capital non-Latin letters', () => {
  const TYPED = 'Jānis@ĀBOLS.example';
  // As a reply's From may carry it: in other cases, the domain in Unicode letters or in punycode.
  const SPELLINGS = ['jānis@ābols.example', 'JĀNIS@ĀBOLS.EXAMPLE', 'JāNIS@xn--bols-psa.example'];
  let context: TestContext;
  let contacts: ContactRepository;
  let staff: StaffRepository;
  beforeEach(async () => {
    context = await makeApp();
    contacts = new ContactRepository(context.services.knex);
    staff = new StaffRepository(context.services.knex);
  });

  const contactFields = {
    role: 'parish_admin' as const,
    parishCode: 'kaunatas',
    name: 'Jānis',
    language: 'lv' as const,
  };

  it('is found by any spelling once stored', async () => {
    const now = new Date();
    const contact = await contacts.insert(
      context.services.knex,
      { code: 'abols', ...contactFields, email: TYPED },
      now,
    );
    const member = await staff.insert(
      context.services.knex,
      { email: TYPED, name: 'Jānis', role: 'parish_clerk', language: 'lv' },
      now,
    );
    // Kept as JavaScript lower-cases it, whatever the database's locale would make of lower().
    assert.equal(contact!.email, 'jānis@ābols.example');
    assert.equal(member.email, 'jānis@ābols.example');
    for (const spelling of SPELLINGS) {
      assert.equal((await contacts.byEmail(spelling))?.id, contact!.id, `contact by ${spelling}`);
      assert.equal((await staff.byEmail(spelling))?.id, member.id, `staff by ${spelling}`);
    }
    assert.equal((await contacts.markBouncing(context.services.knex, SPELLINGS[1]!, now)).length, 1);
  });

  it('is found once the migration lowered one stored before', async () => {
    const now = new Date();
    const { knex } = context.services;
    await knex('contacts').insert({
      code: 'abols',
      role: 'parish_admin',
      parish_code: 'kaunatas',
      name: 'Jānis',
      email: TYPED,
      language: 'lv',
      created_at: now,
      updated_at: now,
    });
    await knex('staff_members').insert({
      email: TYPED,
      name: 'Jānis',
      role: 'parish_clerk',
      language: 'lv',
      created_at: now,
      updated_at: now,
    });
    await addressesStoredLower.up(knex);
    assert.deepEqual(await knex('contacts').where({ code: 'abols' }).pluck('email'), ['jānis@ābols.example']);
    for (const spelling of SPELLINGS) {
      assert.ok(await contacts.byEmail(spelling), `contact by ${spelling}`);
      assert.ok(await staff.byEmail(spelling), `staff by ${spelling}`);
    }
  });
});
