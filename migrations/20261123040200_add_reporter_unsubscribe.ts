import type { Knex } from 'knex';

export const name = '20261123040200_add_reporter_unsubscribe';

// A reporter may stop the update emails of their report with one click, like any subscriber.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.timestamp('reporter_unsubscribed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.dropColumn('reporter_unsubscribed_at');
  });
}
