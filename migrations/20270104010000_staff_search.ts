import type { Knex } from 'knex';

export const name = '20270104010000_staff_search';

/**
 * The staff queue's search folds case and diacritics as the public search does ("berzina" finds
 * "Bērziņa") and finds a report by its number, its words as typed, and its reporter's name, email
 * and phone (as digits alone). Staff only: the public search reads `search_text`, which holds none
 * of these. The same expression as src/staff/reports/search.ts, so the search reads this index;
 * whom it may show is the staff member's scope, applied beside it.
 */
const STAFF_SEARCH_TEXT = `tilts_fold(ref || ' ' || title || ' ' || description || ' ' || location
  || ' ' || coalesce(reporter_name, '') || ' ' || coalesce(reporter_email, '')
  || ' ' || coalesce(regexp_replace(reporter_phone, '[^0-9]', '', 'g'), ''))`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX reports_staff_search ON reports USING gin (${STAFF_SEARCH_TEXT} gin_trgm_ops)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS reports_staff_search');
}
