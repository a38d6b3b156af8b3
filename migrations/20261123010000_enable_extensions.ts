import type { Knex } from 'knex';

// pg_trgm backs the substring search of reports; on PGlite it is loaded when the instance is created.
export const name = '20261123010000_enable_extensions';
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
}
export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP EXTENSION IF EXISTS pg_trgm');
}
