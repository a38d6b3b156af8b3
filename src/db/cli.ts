/* eslint-disable no-console -- a command-line tool talks to its user on the console */
import { parseArgs } from 'node:util';
import { toolErrorText } from '../start-refusal.js';
import { loadConfig, type Config } from '../config.js';
import { cliTranslator, exitCodeOf, parsedOrUsage, UsageError } from '../i18n/cli.js';
import type { Translate } from '../i18n/index.js';
import { DEFAULT_DEMO_COUNT, seedDemo, seedDemoIfEmpty } from '../../seeds/demo.js';
import { seedReference } from '../../seeds/reference.js';
import { openOrSayInUse } from './embedded-lock.js';
import { createDatabase, type Database } from './knex.js';
import { migrateLatest, newestBatch, rollbackLast } from './migrate.js';
import { createPhotoStorage } from '../uploads/choose-storage.js';

type Command = (db: Database, config: Config, args: string[], t: Translate) => Promise<void>;

/** Where the configured photo storage keeps files, in words for the operator. */
const photoPlace = (config: Config, t: Translate) =>
  config.photoStorage.kind === 's3'
    ? t('cli.db.bucket', { bucket: config.photoStorage.bucket })
    : config.uploadDir;

const commands: Record<string, Command> = {
  async migrate(db, _config, _args, t) {
    const names = await migrateLatest(db.knex);
    console.log(names.length ? t('cli.db.applied', { names: names.join(', ') }) : t('cli.db.upToDate'));
    await seedReference(db.knex);
  },
  /**
   * `rollback --yes`: undoes the newest batch. On a fresh installation that batch is every
   * migration, and undoing it drops every table: without --yes it only says what it would undo
   * (never a question on the terminal, so CI and scripts never hang waiting for an answer).
   */
  async rollback(db, _config, args, t) {
    const { values } = parsedOrUsage(
      () => parseArgs({ args, options: { yes: { type: 'boolean', default: false } } }),
      t('cli.db.usage'),
    );
    if (!values.yes) {
      const batch = await newestBatch(db.knex);
      if (batch.names.length === 0) {
        console.log(t('cli.db.nothingToRollBack'));
        return;
      }
      console.error(
        t('cli.db.wouldRollBack', {
          batch: batch.number,
          count: batch.names.length,
          names: batch.names.join(', '),
        }),
      );
      process.exitCode = 1;
      return;
    }
    const names = await rollbackLast(db.knex);
    console.log(
      names.length ? t('cli.db.rolledBack', { names: names.join(', ') }) : t('cli.db.nothingToRollBack'),
    );
  },
  /** `seed-demo [--count N] [--force]`: demo reports into the configured database, even a server one. */
  async 'seed-demo'(db, config, args, t) {
    const { values } = parsedOrUsage(
      () =>
        parseArgs({
          args,
          options: {
            count: { type: 'string', default: String(DEFAULT_DEMO_COUNT) },
            force: { type: 'boolean', default: false },
          },
        }),
      t('cli.db.usage'),
    );
    const count = Number(values.count);
    if (!Number.isInteger(count) || count < 1) throw new Error(t('cli.db.count'));
    await migrateLatest(db.knex);
    await seedReference(db.knex);
    const options = { count, storage: createPhotoStorage(config), now: new Date() };
    const summary = values.force ? await seedDemo(db.knex, options) : await seedDemoIfEmpty(db.knex, options);
    if (!summary) {
      console.error(t('cli.db.notEmpty'));
      process.exitCode = 1;
      return;
    }
    console.log(
      t('cli.db.loaded', {
        reports: summary.reports,
        updates: summary.updates,
        photos: summary.photos,
        place: photoPlace(config, t),
        database: db.engine === 'pglite' ? t('cli.db.embedded', { dir: config.dataDir }) : t('cli.db.server'),
        seconds: (summary.ms / 1000).toFixed(1),
      }),
    );
    if (db.engine === 'postgres') console.log(t('cli.db.sameDataDir'));
  },
};

async function main() {
  const t = await cliTranslator(process.env);
  const [command = '', ...args] = process.argv.slice(2);
  const run = commands[command];
  if (!run) throw new UsageError(t('cli.db.usage'));
  const config = loadConfig();
  const db = openOrSayInUse(
    () => createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    t,
  );
  try {
    await run(db, config, args, t);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(toolErrorText(error, process.env));
  process.exit(exitCodeOf(error));
});
