import type { Knex } from 'knex';

export const name = '20270101010000_search_shown_names';

// A reporter who chose to show their name, with a full name (a single word is never masked).
const SHOWN_FULL_NAME = "show_name AND reporter_name ~ '\\S\\s+\\S'";

/**
 * The public words no longer mask a name its reporter chose to show: it stands beside their words
 * on every public surface. The search words written before masked it: those of such reports, and
 * of their updates, are cleared, and the app writes them again within minutes
 * (src/reports/search-words.ts) as it writes any row without them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `UPDATE reports SET search_text = NULL WHERE search_text IS NOT NULL AND ${SHOWN_FULL_NAME}`,
  );
  await knex.raw(`UPDATE report_updates SET search_text = NULL
    WHERE search_text IS NOT NULL AND report_id IN (SELECT id FROM reports WHERE ${SHOWN_FULL_NAME})`);
}

/** Nothing to undo: the words are written again either way. */
export async function down(): Promise<void> {}
