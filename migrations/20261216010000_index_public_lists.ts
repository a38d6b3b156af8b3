import type { Knex } from 'knex';

export const name = '20261216010000_index_public_lists';

/**
 * Exactly what the public may see (`publicOnly` in src/reports/repository.ts), held reports
 * included: with every condition in the predicate and every filtered column in the index, the list
 * counts its matches and finds a page's ids from the index alone (an index-only scan), and a
 * "next" cursor is a bound on the index, however deep the page.
 */
const PUBLIC = `NOT is_private AND NOT hidden AND held_at IS NULL AND withdrawn_at IS NULL AND status <> 'unconfirmed'`;

/** Newest first within each filter the list offers (apvienība is a set of parishes). */
const INDEXES: Record<string, string> = {
  reports_public_newest: '(created_at DESC, id DESC) INCLUDE (parish_code, category_code, status)',
  reports_public_parish_newest: '(parish_code, created_at DESC, id DESC) INCLUDE (category_code, status)',
  reports_public_parish_status_newest:
    '(parish_code, status, created_at DESC, id DESC) INCLUDE (category_code)',
  reports_public_category_newest: '(category_code, created_at DESC, id DESC) INCLUDE (parish_code, status)',
  reports_public_status_newest: '(status, created_at DESC, id DESC) INCLUDE (parish_code, category_code)',
};

export async function up(knex: Knex): Promise<void> {
  for (const [index, columns] of Object.entries(INDEXES)) {
    await knex.raw(`CREATE INDEX ${index} ON reports ${columns} WHERE ${PUBLIC}`);
  }
  // Superseded: the same columns without `held_at` in the predicate, so never index-only.
  await knex.raw('DROP INDEX IF EXISTS reports_public_created');
  await knex.raw('DROP INDEX IF EXISTS reports_public_parish_status');
}

export async function down(knex: Knex): Promise<void> {
  const old = `NOT is_private AND NOT hidden AND withdrawn_at IS NULL AND status <> 'unconfirmed'`;
  await knex.raw(`CREATE INDEX reports_public_created ON reports (created_at DESC, id DESC) WHERE ${old}`);
  await knex.raw(
    `CREATE INDEX reports_public_parish_status ON reports (parish_code, status, created_at DESC, id DESC) WHERE ${old}`,
  );
  for (const index of Object.keys(INDEXES)) await knex.raw(`DROP INDEX IF EXISTS ${index}`);
}
