import type { Knex } from 'knex';

export const name = '20261223010000_search_lookalikes';

// Words the masks now read as contacts: full-width characters (＠, ２９…), mathematical digits,
// "%40", and an @ with a space beside it ("janis @ example.org").
const LOOKALIKE = '[\\uFF01-\\uFF5E\\uFE6B\\U0001D7CE-\\U0001D7FF]|%40| @|@ ';

/**
 * The public words now mask addresses and numbers written with look-alike characters or a spaced
 * @. The search words written before still hold them: they are cleared for the reports and
 * updates whose words hold such a character, and the app writes them again within minutes
 * (src/reports/search-words.ts) as it writes any row without them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `UPDATE reports SET search_text = NULL
      WHERE search_text IS NOT NULL AND (title || ' ' || description || ' ' || location) ~ ?`,
    [LOOKALIKE],
  );
  await knex.raw(
    `UPDATE report_updates SET search_text = NULL WHERE search_text IS NOT NULL AND public_text ~ ?`,
    [LOOKALIKE],
  );
}

/** Nothing to undo: the words are written again either way. */
export async function down(): Promise<void> {}
