import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import { createApp, type Services } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { resetDatabase } from './database.js';
import { createI18n } from '../../src/i18n/index.js';
import { Outbox } from '../../src/mail/outbox.js';
import { EmailRenderer } from '../../src/mail/renderer.js';

export interface TestContext {
  app: Express;
  services: Services;
  config: Config;
}

/** The real outbox (rendering every template) as the server builds it. */
export async function makeOutbox(config: Config, clock?: () => Date): Promise<Outbox> {
  return new Outbox({
    renderer: new EmailRenderer({ i18n: await createI18n(), publicUrl: config.publicUrl }),
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    ...(clock ? { clock } : {}),
  });
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
export async function makeApp(
  overrides: Record<string, string> = {},
  options: { clock?: () => Date } = {},
): Promise<TestContext> {
  const database = await resetDatabase();
  const config = testConfig({
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-test-')),
    ...overrides,
  });
  const services: Services = await createServices({
    config,
    knex: database.knex,
    logger: pino({ level: 'silent' }),
    mail: await makeOutbox(config, options.clock),
    ...options,
  });
  return { app: createApp(services), services, config };
}
