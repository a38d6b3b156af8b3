import type { Knex } from 'knex';

export const name = '20270105030000_emails_by_address';

/**
 * The emails and follows of one address, found by it in any case: an administrator's erasure of a
 * follower or alert subscriber, and the hourly task that forgets a lapsed address with its emails,
 * read them so. Without these each address read the whole outbox (which keeps every email's row)
 * and every follow. (Alerts have `alerts_scope_unique`, which begins with the address.)
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX outbox_to_email_lower ON outbox (lower(to_email))');
  await knex.raw('CREATE INDEX subscriptions_email_lower ON subscriptions (lower(email))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS subscriptions_email_lower');
  await knex.raw('DROP INDEX IF EXISTS outbox_to_email_lower');
}
