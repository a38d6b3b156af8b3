import type { Knex } from 'knex';

export const name = '20261223010000_search_lookalikes';

// Words the masks now read as contacts: full-width characters (＠, ２９…), mathematical digits,
// "%40", an @ with a space beside it ("janis @ example.org"), a bare "at" ("janis at example.org"),
// and digits grouped by dots or slashes (29.12.34.56, 2912/3456).
const LOOKALIKE = '[\\uFF01-\\uFF5E\\uFE6B\\U0001D7CE-\\U0001D7FF]|%40| @|@ | at |[0-9][./][0-9]';
// A reporter's full name (two words or more), which is now masked in more of its forms too
// (Dāvja Gulbja, Kalniņas Ilzes, Kalniņai-Ozolai).
const FULL_NAME = "reporter_name ~ '\\S\\s+\\S'";

/**
 * The public words now mask addresses and numbers written in more ways, and a reporter's name in
 * more of its forms. The search words written before still hold them: they are cleared for the
 * reports and updates whose words may hold such a thing, and the app writes them again within
 * minutes (src/reports/search-words.ts) as it writes any row without them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `UPDATE reports SET search_text = NULL
      WHERE search_text IS NOT NULL
        AND ((title || ' ' || description || ' ' || location) ~ ? OR ${FULL_NAME})`,
    [LOOKALIKE],
  );
  await knex.raw(
    `UPDATE report_updates SET search_text = NULL
      WHERE search_text IS NOT NULL
        AND (public_text ~ ? OR report_id IN (SELECT id FROM reports WHERE ${FULL_NAME}))`,
    [LOOKALIKE],
  );
}

/** Nothing to undo: the words are written again either way. */
export async function down(): Promise<void> {}
