import type { Knex } from 'knex';

export const name = '20261123040100_create_action_links_and_questions';

export async function up(knex: Knex): Promise<void> {
  // A one-click action link changes a report once; its hash is kept so a second click does nothing.
  await knex.schema.createTable('used_action_links', (t) => {
    t.string('token_hash', 64).primary();
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.timestamp('used_at', { useTz: true }).notNullable();
  });
  // "Is it fixed?" questions sent to reporters, and their answers.
  await knex.schema.createTable('fixed_questions', (t) => {
    t.increments('id');
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.timestamp('asked_at', { useTz: true }).notNullable();
    t.string('answer', 10).checkIn(['yes', 'no', 'unknown']);
    t.timestamp('answered_at', { useTz: true });
    t.index(['report_id', 'asked_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fixed_questions');
  await knex.schema.dropTable('used_action_links');
}
