import type { Knex } from 'knex';

export const name = '20270108010000_proven_reply_signatures';

/**
 * The DKIM signatures that proved replies, as a digest of their `b=` value, per report: a signed
 * reply sent again (its unsigned headers changed, a new Message-ID), however late, is proven by
 * the same signature and counted once. Kept with the message's record when its raw copy goes
 * (INBOUND_RETENTION_DAYS): a digest names no one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('inbound_signatures', (t) => {
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.string('digest', 64).notNullable();
    t.integer('inbound_id').notNullable().references('id').inTable('inbound_messages').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['report_id', 'digest']);
    t.index(['inbound_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('inbound_signatures');
}
