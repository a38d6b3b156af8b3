import type { Knex } from 'knex';

export const name = '20270105020000_lapsed_addresses';

/**
 * The alert and follow addresses the retention job deletes a month after they lapsed (never
 * confirmed, or unsubscribed): partial indexes that hold only those, so the hourly run reads a
 * handful of rows however many people follow reports.
 */
export async function up(knex: Knex): Promise<void> {
  for (const table of ['alerts', 'subscriptions'])
    await knex.raw(
      `CREATE INDEX ${table}_lapsed ON ${table} (created_at) WHERE confirmed_at IS NULL OR unsubscribed_at IS NOT NULL`,
    );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['alerts', 'subscriptions']) await knex.raw(`DROP INDEX IF EXISTS ${table}_lapsed`);
}
