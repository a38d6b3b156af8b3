import type { Knex } from 'knex';
import { pino } from 'pino';
import { seedReference } from '../../seeds/reference.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/knex.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { createServices, type Services } from '../../src/services.js';
import { makeOutbox } from './app.js';
import { truncateAll } from './database.js';

/**
 * Writes test data into the database a server started by `startServer` will use, before it
 * starts: the embedded engine admits one process at a time, so this is the only moment a test may
 * open it. With TEST_DATABASE_URL the server's PostgreSQL database is emptied first.
 */
export async function seedBeforeStart<T>(
  dataDir: string,
  secret: string,
  seed: (services: Services, knex: Knex) => Promise<T>,
): Promise<T> {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const database = createDatabase({ databaseUrl, dataDir });
  try {
    await migrateLatest(database.knex);
    if (databaseUrl) await truncateAll(database.knex);
    await seedReference(database.knex);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      SECRET: secret,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const services = await createServices({
      config,
      knex: database.knex,
      logger: pino({ level: 'silent' }),
      mail: await makeOutbox(config),
    });
    return await seed(services, database.knex);
  } finally {
    await database.close();
  }
}

/** The server's own settings for the same database as `seedBeforeStart`. */
export const serverDatabaseEnv = (): Record<string, string> =>
  process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {};
