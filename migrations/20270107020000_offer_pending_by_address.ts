import type { Knex } from 'knex';

export const name = '20270107020000_offer_pending_by_address';

/**
 * The volunteers' offers waiting for an address to be confirmed as their new one, found by it in
 * any case: erasing an address on a resident's request takes it out of them (and the page that
 * erases it lists them). Few offers wait, so the index holds only those.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX help_offers_pending_email_lower ON help_offers (lower(pending_email)) WHERE pending_email IS NOT NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS help_offers_pending_email_lower');
}
