import type { Knex } from 'knex';

export const name = '20261123020300_create_rate_limits_and_tasks';

export async function up(knex: Knex): Promise<void> {
  // Counters live in the database so every app process shares them.
  await knex.schema.createTable('rate_limits', (t) => {
    t.string('key', 300).primary();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('hits').notNullable();
  });
  // Scheduled work (purges, reminders) claimed by whichever process is free; survives restarts.
  await knex.schema.createTable('scheduled_tasks', (t) => {
    t.string('name', 80).primary();
    t.timestamp('next_run_at', { useTz: true }).notNullable();
    t.timestamp('last_run_at', { useTz: true });
    t.text('last_error');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('scheduled_tasks');
  await knex.schema.dropTable('rate_limits');
}
