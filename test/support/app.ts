import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { pino, type Logger } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/services.js';
import { resetDatabase } from './database.js';
import { TestDns, dkimSigned } from './dkim.js';
import { createI18n } from '../../src/i18n/index.js';
import { Outbox } from '../../src/mail/outbox.js';
import { EmailRenderer } from '../../src/mail/renderer.js';

export interface TestContext {
  app: Express;
  services: Services;
  config: Config;
  /** The DNS the app checks reply senders against (DKIM keys, DMARC policies). */
  dns: TestDns;
  /** A raw message signed with DKIM for its From domain (or `domain`), as a real mail server would. */
  sign(raw: Buffer | string, domain?: string): Promise<Buffer>;
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

/** A developer's machine, as `npm start` on a fresh clone: localhost, no SMTP server, no secret. */
export const DEVELOPER_MACHINE: Readonly<Record<string, undefined | string>> = Object.freeze({
  PUBLIC_URL: 'http://localhost:3000',
  SMTP_URL: undefined,
  SECRET: undefined,
});

/**
 * The settings of a real installation (a public URL that is not localhost, its own secret, an
 * SMTP server, replies proven by DKIM): tests run what production runs. A test that needs the
 * developer's aids (the dev mailbox) sets a localhost PUBLIC_URL and no SMTP_URL itself.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://tilts.test',
    DATA_DIR: '/tmp/tilts-test-data',
    SECRET: 'test-secret-of-at-least-16-characters',
    SMTP_URL: 'smtp://127.0.0.1:1',
    ...overrides,
  });
}

/** The real app on a clean test database, with the real middleware (no test-only switches). */
export async function makeApp(
  overrides: Record<string, string | undefined> = {},
  options: { clock?: () => Date; logger?: Logger } = {},
): Promise<TestContext> {
  const database = await resetDatabase();
  const config = testConfig(
    Object.fromEntries(
      Object.entries({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-test-')), ...overrides }).map(
        ([key, value]) => [key, value ?? ''],
      ),
    ),
  );
  const dns = new TestDns();
  const services: Services = await createServices({
    config,
    knex: database.knex,
    logger: pino({ level: 'silent' }),
    mail: await makeOutbox(config, options.clock),
    dnsResolver: dns.resolver,
    ...options,
  });
  return {
    app: createApp(services),
    services,
    config,
    dns,
    sign: (raw, domain) => dkimSigned(dns, raw, domain),
  };
}
