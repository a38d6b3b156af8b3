import crypto from 'node:crypto';
import type { Server } from 'node:http';
import type { MailQueue } from './reports/service.js';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDatabase } from './db/knex.js';
import { prepareDatabase } from './db/prepare.js';
import { createServices } from './services.js';
import { createLogger } from './web/logging.js';

const SHUTDOWN_GRACE_MS = 4000;

// Replaced by the outbox renderer and worker (being built in src/mail/).
const interimMailQueue: MailQueue = {
  async enqueue(trx, message) {
    await trx('outbox').insert({
      message_id: `<${crypto.randomUUID()}@tilts.local>`,
      kind: message.kind,
      report_id: message.reportId ?? null,
      to_email: message.to.email,
      language: message.language,
      subject: message.template,
      text_body: JSON.stringify(message.data),
      html_body: '',
    });
  },
};

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Tilts cannot start: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

async function main() {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await prepareDatabase(database, config, logger);

  const services = await createServices({ config, knex: database.knex, logger, mail: interimMailQueue });
  const app = createApp(services);

  const server: Server = app.listen(config.port, () => {
    logger.info({ url: config.publicUrl, engine: database.engine }, 'Tilts is listening');
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Whatever still hangs after the grace period is cut off, so a restart never waits long.
    const force = setTimeout(() => {
      logger.warn('forcing exit after grace period');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      database
        .close()
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'closing the database failed');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Tilts failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
