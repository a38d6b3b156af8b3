import type { Knex } from 'knex';

// unaccent lets a search for "Rezekne" find "Rēzekne"; on PGlite it is loaded when the instance is created.
export const name = '20261210030000_enable_unaccent';
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS unaccent');
}
export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP EXTENSION IF EXISTS unaccent');
}
