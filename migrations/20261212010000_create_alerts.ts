import type { Knex } from 'knex';

export const name = '20261212010000_create_alerts';

/**
 * Email alerts for a place and category (a parish, an apvienība, a category in one, or all): a
 * wish that starts only when its emailed link is confirmed, sent at once or as a daily digest.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alerts', (t) => {
    t.increments('id');
    t.string('email', 254).notNullable();
    t.string('language', 2).notNullable();
    t.string('apvieniba_code', 40);
    t.string('parish_code', 40);
    t.string('category_code', 40);
    t.string('frequency', 10).notNullable().checkIn(['immediate', 'daily']);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('confirmed_at', { useTz: true });
    t.timestamp('unsubscribed_at', { useTz: true });
    t.timestamp('last_digest_at', { useTz: true });
    t.index(['parish_code', 'category_code']);
  });
  // One alert per address and scope: asking again changes its frequency and language.
  await knex.raw(`CREATE UNIQUE INDEX alerts_scope_unique ON alerts (lower(email),
    coalesce(apvieniba_code, ''), coalesce(parish_code, ''), coalesce(category_code, ''))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('alerts');
}
