import type { Knex } from 'knex';

export const name = '20261220010000_index_map_parishes';

/** What the public may see (as in 20261216010000_index_public_lists), with a place on the map. */
const PUBLIC_LOCATED =
  `NOT is_private AND NOT hidden AND held_at IS NULL AND withdrawn_at IS NULL ` +
  `AND status <> 'unconfirmed' AND lat IS NOT NULL AND lon IS NOT NULL`;

/**
 * The map counts its reports by parish (/map/parishes.json) before it draws any pin: with the
 * list's filters in the index, the place in its predicate and the coordinates included (for a
 * parish with no known centre, its reports' mean), that count reads the index alone, however many
 * reports there are, instead of visiting each report.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX reports_public_located_parish ON reports (parish_code, status, category_code) INCLUDE (lat, lon) WHERE ${PUBLIC_LOCATED}`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS reports_public_located_parish');
}
