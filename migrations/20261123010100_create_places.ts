import type { Knex } from 'knex';

export const name = '20261123010100_create_places';
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('apvienibas', (t) => {
    t.string('code', 40).primary();
    t.string('name_lv', 120).notNullable();
    t.string('name_en', 120).notNullable();
    t.string('name_ru', 120).notNullable();
    t.integer('sort').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('parishes', (t) => {
    t.string('code', 40).primary();
    t.string('apvieniba_code', 40).notNullable().references('code').inTable('apvienibas');
    t.string('type', 20).notNullable().checkIn(['pagasts', 'pilsēta']);
    t.string('name_lv', 120).notNullable();
    t.string('name_en', 120).notNullable();
    t.string('name_ru', 120).notNullable();
    t.string('centre', 120).notNullable();
    t.double('lat');
    t.double('lon');
    t.double('area_km2');
    t.integer('population');
    t.index(['apvieniba_code']);
  });
}
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('parishes');
  await knex.schema.dropTable('apvienibas');
}
