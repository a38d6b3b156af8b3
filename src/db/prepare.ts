import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { seedReference } from '../../seeds/reference.js';
import type { Database } from './knex.js';
import { migrateLatest } from './migrate.js';

/** Brings any database, new or old, to the current schema with the reference data in place. */
export async function prepareDatabase(database: Database, _config: Config, logger: Logger): Promise<void> {
  const applied = await migrateLatest(database.knex);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  await seedReference(database.knex);
}
