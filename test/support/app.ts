import type { Express } from 'express';
import { pino } from 'pino';
import { createApp, type Services } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createI18n } from '../../src/i18n/index.js';
import { ReferenceRepository } from '../../src/reference/repository.js';
import { ReferenceService } from '../../src/reference/service.js';
import { resetDatabase } from './database.js';

export interface TestContext {
  app: Express;
  services: Services;
  config: Config;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://tilts.test',
    DATA_DIR: '/tmp/tilts-test-data',
    ...overrides,
  });
}

/** The real app on a clean test database, with the real middleware (no test-only switches). */
export async function makeApp(overrides: Record<string, string> = {}): Promise<TestContext> {
  const database = await resetDatabase();
  const config = testConfig(overrides);
  const services: Services = {
    config,
    logger: pino({ level: 'silent' }),
    knex: database.knex,
    i18n: await createI18n(),
    reference: new ReferenceService(new ReferenceRepository(database.knex)),
  };
  return { app: createApp(services), services, config };
}
