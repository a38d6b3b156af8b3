import type { Knex } from 'knex';

export const name = '20261123040000_create_inbound_messages';

export async function up(knex: Knex): Promise<void> {
  // Every message that came in by either door, once (keyed by Message-ID or a hash of it), with
  // what was done with it; the raw message stays for staff to read.
  await knex.schema.createTable('inbound_messages', (t) => {
    t.increments('id');
    t.string('dedupe_key', 300).notNullable().unique();
    t.string('message_id', 300);
    t.string('source', 10).notNullable().checkIn(['smtp', 'webhook']);
    t.string('from_email', 254);
    t.string('subject', 500);
    t.binary('raw').notNullable();
    t.integer('report_id').references('id').inTable('reports').onDelete('SET NULL');
    t.integer('update_id').references('id').inTable('report_updates').onDelete('SET NULL');
    t.string('outcome', 20)
      .notNullable()
      .checkIn([
        'applied',
        'held',
        'auto_reply',
        'bounce',
        'unknown_address',
        'forged',
        'unknown_word',
        'failed',
      ]);
    t.text('detail');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['outcome', 'received_at']);
    t.index(['report_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('inbound_messages');
}
