import type { Knex } from 'knex';

export const name = '20261219020000_index_references_to_deleted_rows';

/**
 * Reports are deleted (unconfirmed ones after 14 days, hourly; a person's data on request), and
 * with them their updates and photos. For every row deleted, PostgreSQL looks for rows that refer
 * to it, and a reference without an index is a read of its whole table: `reports.duplicate_of`
 * made each deleted report read every report (20 unconfirmed reports took 4.9 s at 1,000,000
 * reports, and the purge kept a core busy for an hour). Partial where most rows refer to nothing.
 */
const INDEXES: [name: string, table: string, column: string, partial: boolean][] = [
  ['reports_duplicate_of', 'reports', 'duplicate_of', true],
  ['used_action_links_report_id', 'used_action_links', 'report_id', false],
  ['abuse_reports_report_id', 'abuse_reports', 'report_id', false],
  ['abuse_reports_update_id', 'abuse_reports', 'update_id', true],
  ['abuse_reports_photo_id', 'abuse_reports', 'photo_id', true],
  ['report_photos_update_id', 'report_photos', 'update_id', true],
  ['inbound_messages_update_id', 'inbound_messages', 'update_id', true],
];

export async function up(knex: Knex): Promise<void> {
  for (const [index, table, column, partial] of INDEXES) {
    await knex.raw(
      `CREATE INDEX ${index} ON ${table} (${column})${partial ? ` WHERE ${column} IS NOT NULL` : ''}`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [index] of INDEXES) await knex.raw(`DROP INDEX IF EXISTS ${index}`);
}
