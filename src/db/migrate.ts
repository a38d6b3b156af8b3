import type { Knex } from 'knex';
import { migrations } from '../../migrations/index.js';

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

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, names] = (await knex.migrate.latest(source())) as [number, string[]];
  return names;
}

export async function rollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(source(), true);
}

export async function rollbackLast(knex: Knex): Promise<string[]> {
  const [, names] = (await knex.migrate.rollback(source())) as [number, string[]];
  return names;
}
