import type { Knex } from 'knex';

export const name = '20270103010000_search_names_as_typed';

// A reporter's name kept back, of two words or more however they are parted (spaces, a comma, a
// full stop: "Kalniņš,Jānis", "J.Kalniņš"); a name of one word is never masked.
const KEPT_FULL_NAME = "NOT show_name AND reporter_name ~ '\\S[\\s,.;]+\\S'";

/**
 * The public words now mask a name typed with punctuation, a note in brackets or the surname first
 * ("Jānis Kalniņš.", "Jānis Kalniņš (Kaunata)", "Kalniņš, Jānis"), the given name and surname of a
 * name typed with a middle name, and an initial and the surname ("J. Kalniņš"). Search words
 * written before may still hold those forms: they are cleared, and the app writes them again within
 * minutes (src/reports/search-words.ts), as the migrations for other forms did.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE reports SET search_text = NULL WHERE search_text IS NOT NULL AND ${KEPT_FULL_NAME}`);
  await knex.raw(`UPDATE report_updates SET search_text = NULL
    WHERE search_text IS NOT NULL AND report_id IN (SELECT id FROM reports WHERE ${KEPT_FULL_NAME})`);
}

/** Nothing to undo: the words are written again either way. */
export async function down(): Promise<void> {}
