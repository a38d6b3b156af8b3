import type { Knex } from 'knex';

export const name = '20270109010000_subscription_origin';

/**
 * Why an address follows a report, for the line of its emails that says so: `followed` (its owner
 * asked and confirmed), `duplicate` (it reported a problem closed as a duplicate of this report),
 * `joined` (it followed such a duplicate). Every existing row is taken as asked for: who came by a
 * duplicate before cannot be told apart any more.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('subscriptions', (t) => {
    t.string('origin', 16).notNullable().defaultTo('followed');
  });
  await knex.raw(
    "ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_origin_check CHECK (origin IN ('followed', 'duplicate', 'joined'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('subscriptions', (t) => {
    t.dropColumn('origin');
  });
}
