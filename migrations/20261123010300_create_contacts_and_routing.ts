import type { Knex } from 'knex';

export const name = '20261123010300_create_contacts_and_routing';
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contacts', (t) => {
    t.increments('id');
    t.string('code', 80).notNullable().unique();
    t.string('role', 20).notNullable().checkIn(['parish_admin', 'social_worker', 'municipality']);
    t.string('parish_code', 40).references('code').inTable('parishes');
    t.string('name', 200).notNullable();
    t.string('email', 254).notNullable();
    t.string('language', 2).notNullable().defaultTo('lv');
    t.timestamp('bouncing_since', { useTz: true });
    t.timestamps(true, true);
    t.index(['parish_code']);
  });
  // A rule names one recipient for a scope; the rows that share the most specific matching scope
  // are the recipients (parish + category, then parish, then apvienība + category, then novads).
  await knex.schema.createTable('routing_rules', (t) => {
    t.increments('id');
    t.string('parish_code', 40).references('code').inTable('parishes');
    t.string('apvieniba_code', 40).references('code').inTable('apvienibas');
    t.string('category_code', 40).references('code').inTable('categories');
    t.integer('contact_id').notNullable().references('id').inTable('contacts').onDelete('CASCADE');
  });
  await knex.raw(
    'CREATE UNIQUE INDEX routing_rules_scope_contact_unique ON routing_rules (parish_code, apvieniba_code, category_code, contact_id) NULLS NOT DISTINCT',
  );
  await knex.raw(
    'ALTER TABLE routing_rules ADD CONSTRAINT routing_rules_one_place CHECK (parish_code IS NULL OR apvieniba_code IS NULL)',
  );
}
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('routing_rules');
  await knex.schema.dropTable('contacts');
}
