import type { Knex } from 'knex';

export const name = '20270110010000_report_private_notices';

/**
 * The reports a category made private whose followers are still to be told (the "no longer public"
 * email): a row each, written by the admin's save in the statement that makes them private, and
 * taken away by the background job in the transaction that queues the emails, so each follower is
 * told once however often the job runs or how many processes run it. A report deleted meanwhile
 * takes its row with it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_private_notices', (t) => {
    t.integer('report_id').primary().references('id').inTable('reports').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('report_private_notices');
}
