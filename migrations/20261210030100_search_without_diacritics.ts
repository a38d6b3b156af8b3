import type { Knex } from 'knex';

export const name = '20261210030100_search_without_diacritics';

const REPORT_TEXT = "title || ' ' || description || ' ' || location";

/**
 * The public search folds case and diacritics ("ceļš" ~ "cels") in the text and in what is typed,
 * and also reads the public updates. `unaccent()` is only stable (its dictionary could change), so
 * an index needs this immutable wrapper; it names the extension's schema and dictionary, so it
 * means the same whatever the search_path of whoever calls it (a restore, a reindex).
 */
export async function up(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { schema: string }[] }>(
    "SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'unaccent'",
  );
  const schema = rows[0]?.schema ?? 'public';
  await knex.raw(`CREATE FUNCTION tilts_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(${schema}.unaccent('${schema}.unaccent'::regdictionary, $1)) $$`);
  await knex.raw('DROP INDEX IF EXISTS reports_search');
  await knex.raw(
    `CREATE INDEX reports_search ON reports USING gin (tilts_fold(${REPORT_TEXT}) gin_trgm_ops)`,
  );
  // Only what the public may read of an update: public, not hidden by a moderator.
  await knex.raw(`CREATE INDEX report_updates_search ON report_updates USING gin (tilts_fold(public_text) gin_trgm_ops)
    WHERE is_public AND hidden_at IS NULL AND public_text IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS report_updates_search');
  await knex.raw('DROP INDEX IF EXISTS reports_search');
  await knex.raw(`CREATE INDEX reports_search ON reports USING gin ((${REPORT_TEXT}) gin_trgm_ops)`);
  await knex.raw('DROP FUNCTION IF EXISTS tilts_fold(text)');
}
