import type { Knex } from 'knex';

export const name = '20270105010000_backups';

/**
 * Each backup `npm run backup` finished (the archive written and renamed into place), so that
 * /metrics can say when the newest one was made and a monitor can warn when backups stop. The
 * row is written after the database was dumped: an archive does not hold its own row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('backups', (t) => {
    t.increments('id').primary();
    t.timestamp('finished_at', { useTz: true }).notNullable().index();
    t.bigInteger('bytes').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('backups');
}
