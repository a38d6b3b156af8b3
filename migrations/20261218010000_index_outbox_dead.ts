import type { Knex } from 'knex';

export const name = '20261218010000_index_outbox_dead';

/**
 * The emails that died, from an index: /metrics counts them on every scrape and the admins' list
 * of undelivered email reads them newest first, while the outbox keeps a row for every email ever
 * sent. Dead ones are few, so the partial index stays small.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'dead'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS outbox_dead');
}
