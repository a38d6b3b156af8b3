import type { Knex } from 'knex';
import { Sealer } from '../src/security/sealing.js';

/**
 * Demo staff for trying the workspace on `npm start`: one of each role, each already enrolled with
 * the same authenticator key (DEMO_TOTP_KEY), so a newcomer signs in with the emailed link from
 * /dev/mailbox and a code from `npm run staff:code -- --email …` or any authenticator app.
 * Every address is at example.org; the clerk and the social worker are Kaunata's routing contacts.
 */
export const DEMO_TOTP_KEY = 'TILTSDEMOTILTSDEMOTILTSDEMOTILTS';

export const DEMO_STAFF = [
  { email: 'admin@example.org', name: 'Dace Administratore', role: 'admin', contacts: ['novads'] },
  { email: 'moderators@example.org', name: 'Māris Moderators', role: 'moderator', contacts: [] },
  {
    email: 'kaunatas.socialais@example.org',
    name: 'Inese Sociālā',
    role: 'social_worker',
    contacts: ['kaunatas-social'],
  },
  {
    email: 'kaunatas.parvalde@example.org',
    name: 'Anna Bērziņa',
    role: 'parish_clerk',
    contacts: ['kaunatas-admin'],
  },
] as const;

/** Adds the demo staff to a database that has none; `secret` is the SECRET that seals their key. */
export async function seedDemoStaff(knex: Knex, options: { secret: string; now: Date }): Promise<number> {
  const [existing] = (await knex('staff_members').count({ count: '*' })) as { count: number | string }[];
  if (Number(existing?.count ?? 0) > 0) return 0;
  const sealed = new Sealer(options.secret, 'totp').seal(DEMO_TOTP_KEY);
  await knex.transaction(async (trx) => {
    for (const person of DEMO_STAFF) {
      const [row] = (await trx('staff_members')
        .insert({
          email: person.email,
          name: person.name,
          role: person.role,
          language: 'lv',
          totp_secret: sealed,
          totp_enrolled_at: options.now,
          created_at: options.now,
          updated_at: options.now,
        })
        .returning('id')) as { id: number }[];
      const contacts = (await trx('contacts')
        .whereIn('code', [...person.contacts])
        .select('id')) as { id: number }[];
      if (contacts.length > 0)
        await trx('staff_contacts').insert(
          contacts.map((contact) => ({ staff_id: row!.id, contact_id: contact.id })),
        );
    }
  });
  return DEMO_STAFF.length;
}
