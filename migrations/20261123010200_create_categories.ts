import type { Knex } from 'knex';

export const name = '20261123010200_create_categories';
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('categories', (t) => {
    t.string('code', 40).primary();
    t.string('kind', 10).notNullable().checkIn(['problem', 'help']);
    t.string('visibility', 10).notNullable().checkIn(['public', 'private']);
    t.string('name_lv', 120).notNullable();
    t.string('name_en', 120).notNullable();
    t.string('name_ru', 120).notNullable();
    t.integer('sort').notNullable().defaultTo(0);
    t.boolean('active').notNullable().defaultTo(true);
  });
}
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('categories');
}
