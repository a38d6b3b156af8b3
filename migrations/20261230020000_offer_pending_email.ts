import type { Knex } from 'knex';

export const name = '20261230020000_offer_pending_email';

/**
 * A volunteer's new address waits here until they open the link sent to it: their private link,
 * and the contact a person in need is later given, never go to an address nobody has proven.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('help_offers', (t) => {
    t.string('pending_email', 254).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('help_offers', (t) => {
    t.dropColumn('pending_email');
  });
}
