import type { Knex } from 'knex';

export const name = '20261202030000_add_staff_report_workflow';

/**
 * What staff need to handle reports: who a report is assigned to; how it reached us (a resident on
 * the web, or staff taking it by phone, at a visit or from a letter, in which case an email is
 * optional); how many working days a category's reports should take; and the answers a category
 * offers staff to start from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.integer('assigned_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.string('source', 10).notNullable().defaultTo('web').checkIn(['web', 'phone', 'visit', 'letter']);
    t.integer('entered_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.string('reporter_email', 254).nullable().alter();
    t.index(['assigned_staff_id']);
  });
  await knex.schema.alterTable('categories', (t) => {
    t.integer('target_days').notNullable().defaultTo(10);
  });
  await knex.schema.createTable('response_templates', (t) => {
    t.increments('id');
    // Null: offered for every category.
    t.string('category_code', 40).references('code').inTable('categories').onDelete('CASCADE');
    t.string('language', 2).notNullable().defaultTo('lv');
    t.string('title', 120).notNullable();
    t.text('body').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
    t.index(['category_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('response_templates');
  await knex.schema.alterTable('categories', (t) => {
    t.dropColumn('target_days');
  });
  // Reports taken without an email get a placeholder the old schema can hold.
  await knex('reports').whereNull('reporter_email').update({ reporter_email: 'unknown@invalid' });
  await knex.schema.alterTable('reports', (t) => {
    t.dropIndex(['assigned_staff_id']);
    t.dropColumns('assigned_staff_id', 'source', 'entered_by_staff_id');
    t.string('reporter_email', 254).notNullable().alter();
  });
}
