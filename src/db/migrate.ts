import type { Knex } from 'knex';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';
import { onServer } from './knex.js';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations are listed in code rather than discovered on disk, so they run the same from
 * TypeScript sources (tsx) and from compiled JavaScript, on both engines.
 */
class ListedMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly list: readonly Migration[]) {}
  getMigrations() {
    return Promise.resolve([...this.list]);
  }
  getMigrationName(migration: Migration) {
    return migration.name;
  }
  getMigration(migration: Migration) {
    return Promise.resolve(migration);
  }
}

const source = () => ({ migrationSource: new ListedMigrationSource(migrations) });

/** The advisory lock key of the migrations: any fixed number no other lock of ours uses. */
export const MIGRATION_LOCK_KEY = 7_146_105_001;

/**
 * On PostgreSQL, app processes started together each migrate at start-up. knex's own lock is a
 * table (knex_migrations_lock) that the first run creates: two runs on an empty database both
 * created it, and one crashed on pg_type_typname_nsp_index. A session advisory lock, on a
 * connection of its own (the migrations take others from the pool), lets one process migrate
 * while the others wait and then find nothing left to do. A session that dies frees the lock.
 */
async function serialised<T>(knex: Knex, work: () => Promise<T>): Promise<T> {
  if (!onServer(knex)) return work(); // the embedded engine is one process (its lock in DATA_DIR)
  const { connection } = (knex.client as { config: { connection: pg.ClientConfig } }).config;
  const client = new pg.Client(connection);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, names] = (await serialised(knex, () => knex.migrate.latest(source()))) as [number, string[]];
  return names;
}

export async function rollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(source(), true);
}

export async function rollbackLast(knex: Knex): Promise<string[]> {
  const [, names] = (await knex.migrate.rollback(source())) as [number, string[]];
  return names;
}

/** The newest batch of applied migrations (what rollbackLast would undo), newest first. */
export async function newestBatch(knex: Knex): Promise<{ number: number; names: string[] }> {
  if (!(await knex.schema.hasTable('knex_migrations'))) return { number: 0, names: [] };
  const rows = (await knex('knex_migrations')
    .where('batch', knex('knex_migrations').max('batch'))
    .orderBy('id', 'desc')
    .select('name', 'batch')) as { name: string; batch: number }[];
  return { number: rows[0]?.batch ?? 0, names: rows.map((row) => row.name) };
}
