import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { createDatabase, type Database } from '../../src/db/knex.js';
import { StatementMemo, type StatementValues } from '../../src/db/statement-memo.js';

/** Statements written by knex once per shape, then run with each request's values (both engines). */
describe('statements written once per shape', function () {
  this.timeout(60_000);
  let database: Database;

  before(async () => {
    database = createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, poolMax: 1 });
    await database.knex.raw('drop table if exists memo_probe');
    await database.knex.raw(
      'create table memo_probe (id integer primary key, word text not null, kind text not null)',
    );
    await database.knex('memo_probe').insert([
      { id: 1, word: 'ceļš', kind: 'road' },
      { id: 2, word: 'tilts', kind: 'bridge' },
      { id: 3, word: 'laipa', kind: 'bridge' },
      { id: 4, word: 'grants', kind: 'road' },
    ]);
  });

  after(async () => {
    await database.knex.raw('drop table if exists memo_probe');
    await database.close();
  });

  /** A query whose text depends on which values are given; counts how often knex is asked. */
  function probe(calls: { count: number }) {
    return (values: StatementValues): Knex.QueryBuilder => {
      calls.count++;
      const query = database.knex('memo_probe').select('id', 'word').where('id', '>', 0).orderBy('id');
      if ('kind' in values) void query.where('kind', values.kind as string);
      if ('from' in values)
        void query.where('id', '>=', values.from as number).whereNot('word', values.kind ?? '');
      return query.offset(values.skip as number);
    };
  }

  const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

  it('writes each shape once and answers every run with its own values, as knex would', async () => {
    const memo = new StatementMemo(database.knex);
    const calls = { count: 0 };
    const write = probe(calls);
    const run = (shape: string, values: StatementValues) => memo.rows<{ id: number }>(shape, values, write);
    assert.deepEqual(ids(await run('kind', { kind: 'bridge', skip: 0 })), [2, 3]);
    assert.deepEqual(ids(await run('kind', { kind: 'road', skip: 0 })), [1, 4]);
    assert.deepEqual(ids(await run('kind', { kind: 'road', skip: 1 })), [4]);
    assert.equal(calls.count, 1);
    // Another shape: other names, another statement; the same value in two places takes both.
    assert.deepEqual(ids(await run('kind,from', { kind: 'bridge', from: 3, skip: 0 })), [3]);
    assert.deepEqual(ids(await run('kind,from', { kind: 'road', from: 2, skip: 0 })), [4]);
    assert.equal(calls.count, 2);
    // What knex itself answers for the same values.
    const direct = (await probe({ count: 0 })({ kind: 'road', from: 2, skip: 0 })) as { id: number }[];
    assert.deepEqual(ids(direct), [4]);
  });

  it('tells shapes apart by the names of the values given, whatever the caller calls them', async () => {
    const memo = new StatementMemo(database.knex);
    const calls = { count: 0 };
    const write = probe(calls);
    assert.deepEqual(ids(await memo.rows('list', { skip: 0 }, write)), [1, 2, 3, 4]);
    assert.deepEqual(ids(await memo.rows('list', { kind: 'road', skip: 0 }, write)), [1, 4]);
    assert.equal(calls.count, 2);
  });

  it('keeps no more shapes than its limit, and still answers the others (written each time)', async () => {
    const memo = new StatementMemo(database.knex, 1);
    const calls = { count: 0 };
    const write = probe(calls);
    await memo.rows('a', { skip: 0 }, write);
    await memo.rows('a', { skip: 1 }, write);
    assert.equal(calls.count, 1);
    assert.deepEqual(ids(await memo.rows('b', { kind: 'road', skip: 0 }, write)), [1, 4]);
    assert.deepEqual(ids(await memo.rows('b', { kind: 'bridge', skip: 0 }, write)), [2, 3]);
    assert.equal(calls.count, 3);
  });

  it('refuses a statement that binds a value it changed (a pattern made from words), the first time', async () => {
    const memo = new StatementMemo(database.knex);
    const pattern = (values: StatementValues) =>
      database
        .knex('memo_probe')
        .select('id')
        .whereLike('word', `%${values.word as string}%`);
    await assert.rejects(memo.rows('like', { word: 'ti' }, pattern), /binds a value it changed/);
  });
});
