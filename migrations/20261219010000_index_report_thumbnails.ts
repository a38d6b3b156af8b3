import type { Knex } from 'knex';

export const name = '20261219010000_index_report_thumbnails';

/**
 * A list shows each report's first visible photo (its own, not an update's): one small index scan
 * per row, in the order the list wants, with nothing to sort. With only `report_id` indexed, a
 * table of few photos was read whole for each of a page's 21 rows (0.5 ms of a 0.6 ms page), and
 * a table of many was read by report and then sorted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX report_photos_first_visible ON report_photos (report_id, position, id) ' +
      'WHERE update_id IS NULL AND hidden_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS report_photos_first_visible');
}
