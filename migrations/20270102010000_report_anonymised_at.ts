import type { Knex } from 'knex';

export const name = '20270102010000_report_anonymised_at';

/**
 * When the retention job took the personal data out of a report resolved or closed long ago
 * (`REPORT_RETENTION_DAYS`): its reporter's name and contacts, its followers, and for a private
 * report everything about the person. The job looks for the reports not yet done by the time of
 * their last change; the partial index keeps that cheap however many reports are done.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.timestamp('anonymised_at', { useTz: true }).nullable();
  });
  await knex.raw(
    `CREATE INDEX reports_retention_due ON reports (updated_at)
      WHERE anonymised_at IS NULL AND status IN ('resolved', 'closed')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS reports_retention_due');
  await knex.schema.alterTable('reports', (t) => {
    t.dropColumn('anonymised_at');
  });
}
