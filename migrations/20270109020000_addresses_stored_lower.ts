import type { Knex } from 'knex';

export const name = '20270109020000_addresses_stored_lower';

/*
 * Contacts' and staff accounts' addresses are kept lower-cased by JavaScript (mail/address-key.ts
 * storedAddress) and found as stored: SQL's lower() leaves `Ā` as it is under the C locale (PGlite),
 * so `Jānis@ĀBOLS.example` was found on one database and not on another. The addresses already
 * stored are lower-cased here the same way. A staff address that would then be another's (two
 * accounts told apart only by the case of a non-Latin letter) is left as it is.
 */
async function lowerAll(knex: Knex, table: string, unique: boolean): Promise<void> {
  const rows = (await knex(table).select('id', 'email')) as { id: number; email: string }[];
  const taken = new Set(rows.map((row) => row.email));
  for (const row of rows) {
    const lower = row.email.trim().toLowerCase();
    if (lower === row.email || (unique && taken.has(lower))) continue;
    await knex(table).where({ id: row.id }).update({ email: lower });
    taken.add(lower);
  }
}

export async function up(knex: Knex): Promise<void> {
  await lowerAll(knex, 'contacts', false);
  await lowerAll(knex, 'staff_members', true);
}

export async function down(): Promise<void> {
  // The case an address was typed in is not kept: nothing to undo.
}
