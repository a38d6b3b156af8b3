import type { Knex } from 'knex';

export const name = '20261226010000_search_names_in_either_alphabet';

// A reporter's full name (two words or more), and search words that may hold it in a form masked
// only from now on: in Cyrillic letters, or with a y for its j (Yanis).
const FULL_NAME = "reporter_name ~ '\\S\\s+\\S'";
const OTHER_FORMS = "search_text ~* '[а-яёy]'";

/**
 * The public words now mask a reporter's full name in either alphabet (Янис Калниньш for Jānis
 * Kalniņš, Ivans Petrovs for Иван Петров). Search words written before may still hold those forms:
 * they are cleared, and the app writes them again within minutes (src/reports/search-words.ts), as
 * the migration for declined names did.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE reports SET search_text = NULL WHERE ${OTHER_FORMS} AND ${FULL_NAME}`);
  await knex.raw(`UPDATE report_updates SET search_text = NULL
    WHERE ${OTHER_FORMS} AND report_id IN (SELECT id FROM reports WHERE ${FULL_NAME})`);
}

/** Nothing to undo: the words are written again either way. */
export async function down(): Promise<void> {}
