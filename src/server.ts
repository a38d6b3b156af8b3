// First, so that the heap's growth is limited before the rest of the app is even loaded.
import './limit-heap.js';
import { createServer, type Server } from 'node:http';
import { createApp } from './app.js';
import { checkConfigFiles, ConfigError, loadConfig, type Config } from './config.js';
import { doorTrustsAnyClient } from './config-rules.js';
import { checkDataDir } from './data-dir.js';
import { EmbeddedInUseError } from './db/embedded-lock.js';
import { APP_CONNECTION_NAMES, createDatabase } from './db/knex.js';
import { prepareDatabase } from './db/prepare.js';
import { createServices } from './services.js';
import { createPhotoStorage } from './uploads/choose-storage.js';
import { SmtpReceiver } from './inbound/smtp-receiver.js';
import { createI18n } from './i18n/index.js';
import { Scheduler } from './jobs/scheduler.js';
import { registerTasks } from './scheduled-tasks.js';
import { Outbox } from './mail/outbox.js';
import { EmailRenderer } from './mail/renderer.js';
import { createMailTransport } from './mail/transport.js';
import { OutboxWorker } from './mail/worker.js';
import { createLogger, knexLog } from './web/logging.js';
import { databaseStartFailure } from './db/start-failure.js';
import { listenFailure, StartFailureError } from './listen-failure.js';
import { changeFeed } from './page-cache/feed.js';
import { PageChangeListener } from './page-cache/listener.js';
import { refusalLine } from './start-refusal.js';

// A restart lets the requests under way finish: a resident on a rural mobile link may need many
// seconds to send the last of their photos. Nothing new is taken meanwhile; deploy/tilts.service
// waits longer than this before it kills.
const SHUTDOWN_GRACE_MS = 30_000;

function readConfig(): Config {
  try {
    const config = loadConfig();
    checkConfigFiles(config);
    checkDataDir(config.dataDir);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${refusalLine(error.message, process.env)}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

async function main() {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const database = createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: knexLog(logger),
    applicationName: APP_CONNECTION_NAMES[0],
  });
  // One photo store for the process: the demo's photos go where the app will read them.
  const photoStorage = createPhotoStorage(config);
  await prepareDatabase(database, config, logger, photoStorage);

  const i18n = await createI18n();
  const renderer = new EmailRenderer({
    i18n,
    publicUrl: config.publicUrl,
    cache: config.production,
  });
  const outbox = new Outbox({ renderer, publicUrl: config.publicUrl, mailFrom: config.mailFrom });
  const services = await createServices({
    config,
    knex: database.knex,
    logger,
    mail: outbox,
    i18n,
    photoStorage,
  });
  const app = createApp(services);
  // Other app processes' changes reach this one's page cache at once (PostgreSQL only; PGlite is
  // one process). It connects in the background and never holds the start-up back.
  const pageChanges =
    config.databaseUrl && config.pageCacheSeconds > 0
      ? new PageChangeListener({
          databaseUrl: config.databaseUrl,
          feed: changeFeed(database.knex),
          logger: logger.child({ component: 'page-cache' }),
          reloadReference: () => services.reference.reload(),
        })
      : undefined;
  pageChanges?.start();

  const transport = createMailTransport(config, logger);
  const worker = new OutboxWorker({
    knex: database.knex,
    transport,
    logger: logger.child({ component: 'outbox' }),
  });
  const scheduler = registerTasks(
    new Scheduler({ knex: database.knex, logger: logger.child({ component: 'scheduler' }) }),
    { services, config, logger },
  );
  const receiver =
    config.inboundSmtpPort > 0
      ? new SmtpReceiver(services.inbound, services.limiter, logger.child({ component: 'smtp-in' }), {
          port: config.inboundSmtpPort,
          host: config.inboundSmtpHost,
          domain: config.inboundDomain,
          tls: config.inboundTls,
          maxClients: config.inboundSmtpMaxClients,
          perIpPerHour: config.inboundSmtpPerIpHour,
        })
      : undefined;
  if (receiver) {
    const port = await receiver.start().catch((error: unknown) => {
      const smtp = {
        portName: 'INBOUND_SMTP_PORT',
        port: config.inboundSmtpPort,
        hostName: 'INBOUND_SMTP_HOST',
        host: config.inboundSmtpHost,
      } as const;
      const known = listenFailure(error, smtp);
      throw known ? new StartFailureError(known) : error;
    });
    logger.info(
      { port, host: config.inboundSmtpHost, domain: config.inboundDomain },
      'inbound SMTP listening',
    );
  }
  if (config.inboundAuth.mode === 'none')
    logger.warn('INBOUND_AUTH=none: replies are believed to come from their From address (development only)');
  else logger.info({ inboundAuth: config.inboundAuth }, 'replies are applied only from proven senders');
  if (doorTrustsAnyClient(config.inboundAuth, config.inboundSmtpHost, config.inboundSmtpPort))
    logger.warn(
      { host: config.inboundSmtpHost, port: config.inboundSmtpPort },
      'the SMTP door believes the Authentication-Results it is handed and listens beyond loopback: allow only the mail server in front to reach it (firewall)',
    );

  // Not app.listen(port, callback): Express 5 calls that callback with a listen error too, so a
  // port in use logged "listening" and started the workers before the fatal "cannot listen".
  const server: Server = createServer(app);
  server.once('listening', () => {
    logger.info(
      // The port it listens on, beside the public address a proxy serves it at (they differ).
      { url: config.publicUrl, port: config.port, engine: database.engine, mail: transport.name },
      'Tilts is listening',
    );
    worker.start();
    scheduler.start();
  });
  server.on('error', (error) => {
    const known = listenFailure(error, { portName: 'PORT', port: config.port });
    if (!known) {
      logger.fatal({ err: error }, 'cannot listen');
      process.exit(1);
    }
    process.stderr.write(`${refusalLine(known.line, process.env)}\n`);
    process.exit(known.exitCode);
  });
  server.listen(config.port);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Whatever still hangs after the grace period is cut off, so a restart never waits for ever.
    const force = setTimeout(() => {
      logger.warn('forcing exit after grace period');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      Promise.all([worker.stop(), scheduler.stop(), receiver?.stop(), pageChanges?.stop()])
        .then(() => {
          transport.close();
          return database.close();
        })
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'stopping failed');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof StartFailureError) {
    process.stderr.write(`${refusalLine(error.failure.line, process.env)}\n`);
    process.exit(error.failure.exitCode);
  }
  if (error instanceof EmbeddedInUseError) {
    process.stderr.write(`${refusalLine(error.message, process.env)}\n`);
    process.exit(1);
  }
  const known = databaseStartFailure(error);
  if (known) {
    process.stderr.write(`${refusalLine(known.line, process.env)}\n`);
    process.exit(known.exitCode);
  }
  process.stderr.write(
    `Tilts failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
