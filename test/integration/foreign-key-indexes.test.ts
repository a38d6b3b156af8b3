import assert from 'node:assert/strict';
import { testDatabase } from '../support/database.js';

/**
 * The rows Tilts deletes, many at a time: reports (unconfirmed ones, hourly; a person's data on
 * request) and, with them, their updates and photos.
 */
const DELETED_FROM = ['reports', 'report_updates', 'report_photos'];

describe('references to rows that are deleted', () => {
  it('each have an index, so deleting a row never reads a whole table to find what refers to it', async () => {
    const { knex } = await testDatabase();
    const { rows } = await knex.raw<{
      rows: { source: string; column: string; target: string; indexed: boolean }[];
    }>(
      `select c.conrelid::regclass::text as source, a.attname as column, c.confrelid::regclass::text as target,
              exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]) as indexed
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid::regclass::text = any(?)`,
      [DELETED_FROM],
    );
    assert.ok(rows.length >= 15, `the references were read (${rows.length})`);
    const missing = rows
      .filter((row) => !row.indexed)
      .map((row) => `${row.source}.${row.column} → ${row.target}`);
    assert.deepEqual(missing, [], 'a reference to a deleted row has no index');
  });
});
