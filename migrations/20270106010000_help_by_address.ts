import type { Knex } from 'knex';

export const name = '20270106010000_help_by_address';

/**
 * The requests for help and volunteers' offers of one address, found by it in any case: the
 * administrator's page that erases an address lists them, so that the one answering a resident's
 * erasure request knows what else to erase. (A report's reporter has `reports_reporter_email`.)
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX help_requests_subject_email_lower ON help_requests (lower(subject_email))');
  await knex.raw('CREATE INDEX help_offers_email_lower ON help_offers (lower(email))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS help_offers_email_lower');
  await knex.raw('DROP INDEX IF EXISTS help_requests_subject_email_lower');
}
