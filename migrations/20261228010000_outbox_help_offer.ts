import type { Knex } from 'knex';

export const name = '20261228010000_outbox_help_offer';

/**
 * Which offer an email is about, so erasing a volunteer reaches the emails written to them (and
 * those that named them to the person they were to help), as erasing a request reaches its
 * report's. Emails queued before keep no link, except the offer's own (`help-offer-…`), which
 * went only to its volunteer and are linked by their address where one offer has it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.integer('help_offer_id').nullable().references('id').inTable('help_offers').onDelete('SET NULL');
  });
  await knex.raw('CREATE INDEX outbox_help_offer ON outbox (help_offer_id) WHERE help_offer_id IS NOT NULL');
  await knex.raw(`
    UPDATE outbox SET help_offer_id = only_offer.id
      FROM (SELECT lower(email) AS email, min(id) AS id FROM help_offers
             WHERE email <> '' GROUP BY lower(email) HAVING count(*) = 1) AS only_offer
     WHERE outbox.kind LIKE 'help-offer-%' AND lower(outbox.to_email) = only_offer.email`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS outbox_help_offer');
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('help_offer_id');
  });
}
