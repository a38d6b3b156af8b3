import type { Knex } from 'knex';

export const name = '20261201010000_store_inbound_mail_before_parsing';

const OUTCOMES = [
  'applied',
  'held',
  'auto_reply',
  'bounce',
  'unknown_address',
  'forged',
  'unknown_word',
  'failed',
];
// received: stored, not yet read; malformed: could not be read at all; expired: answered a
// report closed too long ago.
const NEW_OUTCOMES = [...OUTCOMES, 'received', 'malformed', 'expired'];

const outcomeCheck = (outcomes: string[]) =>
  `ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_outcome_check CHECK (outcome IN (${outcomes
    .map((outcome) => `'${outcome}'`)
    .join(', ')}))`;

/**
 * A message is written to storage as it arrives and only then read, so a message that cannot be
 * read, or whose handling fails, is never lost: the raw file is kept (DATA_DIR/inbound), the row
 * says what happened, and a failed one is tried again with backoff.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.binary('raw').nullable().alter();
    t.string('raw_key', 64);
    t.integer('raw_size');
    t.string('raw_sha256', 64);
    t.timestamp('raw_purged_at', { useTz: true });
    // The SMTP session as the door saw it (client address, HELO, envelope sender): SPF needs it.
    t.jsonb('envelope');
    t.text('sender_proof');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true });
    t.timestamp('processed_at', { useTz: true });
  });
  await knex.raw('ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_outcome_check');
  await knex.raw(outcomeCheck(NEW_OUTCOMES));
  await knex.raw(
    "CREATE INDEX inbound_messages_retry ON inbound_messages (next_attempt_at) WHERE outcome IN ('received', 'failed') AND next_attempt_at IS NOT NULL",
  );
  await knex.raw(
    'CREATE INDEX inbound_messages_received ON inbound_messages (received_at) WHERE raw_key IS NOT NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX inbound_messages_received');
  await knex.raw('DROP INDEX inbound_messages_retry');
  await knex('inbound_messages')
    .whereIn('outcome', ['received', 'malformed', 'expired'])
    .update({ outcome: 'failed' });
  await knex.raw('ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_outcome_check');
  await knex.raw(outcomeCheck(OUTCOMES));
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.dropColumns(
      'raw_key',
      'raw_size',
      'raw_sha256',
      'raw_purged_at',
      'envelope',
      'sender_proof',
      'attempts',
      'next_attempt_at',
      'processed_at',
    );
  });
  // Rows whose raw message lives on disk have none here; the old schema wants one.
  await knex('inbound_messages')
    .whereNull('raw')
    .update({ raw: Buffer.alloc(0) });
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.binary('raw').notNullable().alter();
  });
}
