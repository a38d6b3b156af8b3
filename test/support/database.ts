import knexFactory, { type Knex } from 'knex';
import { seedReference } from '../../seeds/reference.js';
import { createDatabase, type Database } from '../../src/db/knex.js';
import { migrateLatest } from '../../src/db/migrate.js';

let shared: Promise<Database> | undefined;

/**
 * One database per test process: an in-memory PGlite, or the PostgreSQL named by
 * TEST_DATABASE_URL. It is migrated once; each test file then calls `resetDatabase` for a clean,
 * freshly seeded state, so no file depends on another.
 */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const database = createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, poolMax: 5 });
    await migrateLatest(database.knex);
    return database;
  })();
  return shared;
}

export async function truncateAll(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { tablename: string }[] }>(
    "select tablename from pg_tables where schemaname = current_schema() and tablename not like 'knex_migrations%'",
  );
  if (rows.length === 0) return;
  await knex.raw(`truncate ${rows.map((row) => `"${row.tablename}"`).join(', ')} restart identity cascade`);
}

export async function resetDatabase(): Promise<Database> {
  const database = await testDatabase();
  await truncateAll(database.knex);
  await seedReference(database.knex);
  return database;
}

/** How many SQL statements ran on `knex` while `run` did (none when the page cache answered). */
export async function queriesDuring(knex: Knex, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const listener = () => (count += 1);
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.removeListener('query', listener);
  }
  return count;
}

/** A statement knex ran, with its bindings. */
export interface Statement {
  sql: string;
  bindings: unknown[];
}

/** The statements that ran on `knex` while `run` did. */
export async function statementsDuring(knex: Knex, run: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) =>
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.removeListener('query', listener);
  }
  return statements;
}

/**
 * The plan of each statement with sequential scans made as dear as possible (one transaction,
 * `enable_seqscan = off`): the plan a large table would get, for a test to read.
 */
export async function plansOf(knex: Knex, statements: readonly Statement[]): Promise<string[]> {
  return knex.transaction(async (trx) => {
    await trx.raw('set local enable_seqscan = off');
    const plans: string[] = [];
    for (const { sql, bindings } of statements) {
      const { rows } = (await trx.raw(`explain ${sql.replace(/\$\d+/g, '?')}`, bindings as never[])) as {
        rows: { 'QUERY PLAN': string }[];
      };
      plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    return plans;
  });
}

/**
 * A database handle that can never connect (nothing listens on port 1): every query fails within
 * `timeoutMs`, with knex's own complaints silenced. The caller destroys it.
 */
export function unreachableDatabase(timeoutMs: number): Knex {
  return knexFactory({
    client: 'pg',
    connection: 'postgres://nobody@127.0.0.1:1/none',
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: timeoutMs,
    log: { error: () => undefined, warn: () => undefined },
  });
}
