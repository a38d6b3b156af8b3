import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/knex.js';
import { createServices, type Services } from '../../src/services.js';
import { makeOutbox, testConfig } from './app.js';
import { TestDns } from './dkim.js';

/** The PostgreSQL URL of the test run, or undefined on PGlite (a fault test then skips). */
export function postgresUrl(): URL | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url ? new URL(url) : undefined;
}

/**
 * Polls `check` until it returns something other than undefined; rejects after `timeoutMs` with
 * `what` in the message. Waits are generous: the tests run on a loaded two-core machine.
 */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The whole app, as server.ts builds it, on a database the test made (e.g. through a proxy). */
export async function appOn(
  database: Database,
  overrides: Record<string, string> = {},
  options: { clock?: () => Date; logger?: Logger } = {},
): Promise<{ services: Services; config: Config; app: ReturnType<typeof createApp> }> {
  const config = testConfig({
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-faults-')),
    ...overrides,
  });
  const services = await createServices({
    config,
    knex: database.knex,
    logger: options.logger ?? pino({ level: 'silent' }),
    mail: await makeOutbox(config, options.clock),
    dnsResolver: new TestDns().resolver,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { services, config, app: createApp(services) };
}
