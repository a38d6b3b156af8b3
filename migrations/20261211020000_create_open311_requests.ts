import type { Knex } from 'knex';

export const name = '20261211020000_create_open311_requests';

/**
 * The reports Open311 clients posted: which key posted each, and the token the client resolves to
 * the request's id once the resident has confirmed it. Goes with its report (an unconfirmed one is
 * purged after 14 days).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('open311_requests', (t) => {
    t.integer('report_id').primary().references('id').inTable('reports').onDelete('CASCADE');
    t.integer('api_key_id').notNullable().references('id').inTable('api_keys');
    t.string('token', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['api_key_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('open311_requests');
}
