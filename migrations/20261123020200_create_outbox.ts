import type { Knex } from 'knex';

export const name = '20261123020200_create_outbox';

export async function up(knex: Knex): Promise<void> {
  // Every email is a row written in the same transaction as the change that causes it.
  await knex.schema.createTable('outbox', (t) => {
    t.increments('id');
    t.string('message_id', 200).notNullable().unique();
    t.string('kind', 40).notNullable();
    t.integer('report_id').references('id').inTable('reports').onDelete('SET NULL');
    t.string('to_email', 254).notNullable();
    t.string('to_name', 200);
    t.string('language', 2).notNullable();
    t.string('subject', 300).notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    t.jsonb('headers').notNullable().defaultTo('{}');
    t.string('reply_to', 254);
    t.string('status', 10).notNullable().defaultTo('pending').checkIn(['pending', 'sent', 'dead']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.string('delivered_via', 10);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
  });
  await knex.raw("CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending'");
  await knex.raw('CREATE INDEX outbox_report ON outbox (report_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('outbox');
}
