import assert from 'node:assert/strict';
import { createDatabase, type Database } from '../../src/db/knex.js';
import { prepared, statementName } from '../../src/db/prepared.js';

/**
 * Queries marked `prepared` (a report's page, the list) are named statements on PostgreSQL, parsed
 * and planned once per connection; on the embedded engine the mark changes nothing. One connection
 * here, so every query meets the statements the ones before it left.
 */
describe('prepared statements', function () {
  this.timeout(60_000);
  let database: Database;
  const postgres = Boolean(process.env.TEST_DATABASE_URL);

  before(async () => {
    database = createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, poolMax: 1 });
    await database.knex.raw('drop table if exists prepared_probe');
    await database.knex.raw('create table prepared_probe (id integer primary key, word text not null)');
    await database.knex('prepared_probe').insert([
      { id: 1, word: 'ceļš' },
      { id: 2, word: 'tilts' },
    ]);
  });

  after(async () => {
    await database.knex.raw('drop table if exists prepared_probe');
    await database.close();
  });

  const words = (id: number) =>
    prepared(database.knex('prepared_probe').select('*').where('id', '>=', id).orderBy('id'));

  it('answers as the same query unprepared does, with each call its own values', async () => {
    assert.deepEqual(await words(1), [
      { id: 1, word: 'ceļš' },
      { id: 2, word: 'tilts' },
    ]);
    assert.deepEqual(await words(2), [{ id: 2, word: 'tilts' }]);
    const raw = (await prepared(database.knex.raw('select ?::int + 1 as n', [41]))) as { rows: unknown[] };
    assert.deepEqual(raw.rows, [{ n: 42 }]);
  });

  it('is a statement the PostgreSQL connection keeps, named after its text', async function () {
    if (!postgres) this.skip();
    const sql = words(1).toSQL().toNative().sql;
    await words(1);
    const { rows } = (await database.knex.raw('select name, statement from pg_prepared_statements')) as {
      rows: { name: string; statement: string }[];
    };
    const kept = rows.find((row) => row.name === statementName(sql));
    assert.ok(kept, `no statement ${statementName(sql)} among ${rows.map((row) => row.name).join(', ')}`);
    assert.equal(kept.statement, sql);
    // A query not marked stays unnamed.
    assert.ok(!rows.some((row) => row.statement.includes('pg_prepared_statements')));
  });

  it('still answers after a migration changed the columns under a kept statement', async () => {
    await words(1);
    // PostgreSQL refuses to run a kept `select *` whose columns changed; the client forgets it and
    // prepares the text again.
    await database.knex.raw('alter table prepared_probe add column parish text');
    assert.deepEqual(await words(2), [{ id: 2, word: 'tilts', parish: null }]);
    assert.deepEqual(await words(2), [{ id: 2, word: 'tilts', parish: null }]);
  });

  it('names a text the same way every time, and two texts apart', () => {
    assert.equal(statementName('select 1'), statementName('select 1'));
    assert.notEqual(statementName('select 1'), statementName('select 2'));
    assert.match(statementName('select 1'), /^tilts_[0-9a-f]{24}$/);
  });
});
