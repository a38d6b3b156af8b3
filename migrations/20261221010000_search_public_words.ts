import type { Knex } from 'knex';

export const name = '20261221010000_search_public_words';

const PUBLIC_UPDATE = 'is_public AND hidden_at IS NULL';

/**
 * The public search reads the words as the public reads them, not as they were typed: a phone
 * number or an address in a report (masked on its page) must not make that report findable by
 * whoever already knows the number. `search_text` holds a report's title, description and place,
 * or an update's public text, with every contact and the reporter's name masked
 * (src/reports/public-words.ts); the app writes it with the row, or (null) within a minute
 * (src/reports/search-words.ts), and the search indexes move onto it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE reports ADD COLUMN search_text text');
  await knex.raw('ALTER TABLE report_updates ADD COLUMN search_text text');
  await knex.raw('DROP INDEX IF EXISTS reports_search');
  await knex.raw('DROP INDEX IF EXISTS report_updates_search');
  await knex.raw('CREATE INDEX reports_search ON reports USING gin (tilts_fold(search_text) gin_trgm_ops)');
  await knex.raw(`CREATE INDEX report_updates_search ON report_updates USING gin (tilts_fold(search_text) gin_trgm_ops)
    WHERE ${PUBLIC_UPDATE} AND search_text IS NOT NULL`);
  // What is still to be written: small, and empty once the app has caught up.
  await knex.raw('CREATE INDEX reports_unsearched ON reports (id) WHERE search_text IS NULL');
  await knex.raw(`CREATE INDEX report_updates_unsearched ON report_updates (id)
    WHERE search_text IS NULL AND public_text IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS report_updates_unsearched');
  await knex.raw('DROP INDEX IF EXISTS reports_unsearched');
  await knex.raw('DROP INDEX IF EXISTS report_updates_search');
  await knex.raw('DROP INDEX IF EXISTS reports_search');
  await knex.raw('ALTER TABLE report_updates DROP COLUMN search_text');
  await knex.raw('ALTER TABLE reports DROP COLUMN search_text');
  await knex.raw(
    "CREATE INDEX reports_search ON reports USING gin (tilts_fold(title || ' ' || description || ' ' || location) gin_trgm_ops)",
  );
  await knex.raw(`CREATE INDEX report_updates_search ON report_updates USING gin (tilts_fold(public_text) gin_trgm_ops)
    WHERE ${PUBLIC_UPDATE} AND public_text IS NOT NULL`);
}
