import type { Knex } from 'knex';

export const name = '20261222010000_search_declined_names';

// A reporter's full name: two words or more (a single word is never masked).
const FULL_NAME = "reporter_name ~ '\\S\\s+\\S'";

/**
 * The public words now mask a reporter's full name however it is declined (Jāņa Kalniņa, not only
 * Jānis Kalniņš). The search words written before still hold the other forms: those of reports
 * with a full name, and of their updates, are cleared, and the app writes them again within
 * minutes (src/reports/search-words.ts) as it writes any row without them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE reports SET search_text = NULL WHERE search_text IS NOT NULL AND ${FULL_NAME}`);
  await knex.raw(`UPDATE report_updates SET search_text = NULL
    WHERE search_text IS NOT NULL AND report_id IN (SELECT id FROM reports WHERE ${FULL_NAME})`);
}

/** Nothing to undo: the words are written again either way. */
export async function down(): Promise<void> {}
