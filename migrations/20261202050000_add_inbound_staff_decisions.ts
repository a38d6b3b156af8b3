import type { Knex } from 'knex';

export const name = '20261202050000_add_inbound_staff_decisions';

const OUTCOMES = [
  'applied',
  'held',
  'auto_reply',
  'bounce',
  'unknown_address',
  'forged',
  'unknown_word',
  'failed',
  'received',
  'malformed',
  'expired',
];

const outcomeCheck = (outcomes: string[]) =>
  `ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_outcome_check CHECK (outcome IN (${outcomes
    .map((outcome) => `'${outcome}'`)
    .join(', ')}))`;

/**
 * Staff decide what becomes of mail that was held, failed or could not be placed: published on a
 * report (outcome applied, by whom and when), or dropped.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.integer('decided_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.timestamp('decided_at', { useTz: true });
  });
  await knex.raw('ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_outcome_check');
  await knex.raw(outcomeCheck([...OUTCOMES, 'dropped']));
}

export async function down(knex: Knex): Promise<void> {
  await knex('inbound_messages').where({ outcome: 'dropped' }).update({ outcome: 'held' });
  await knex.raw('ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_outcome_check');
  await knex.raw(outcomeCheck(OUTCOMES));
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.dropColumns('decided_by_staff_id', 'decided_at');
  });
}
