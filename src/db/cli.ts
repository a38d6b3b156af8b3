/* eslint-disable no-console -- a command-line tool talks to its user on the console */
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config.js';
import { DEFAULT_DEMO_COUNT, seedDemo, seedDemoIfEmpty } from '../../seeds/demo.js';
import { seedReference } from '../../seeds/reference.js';
import { createDatabase, type Database } from './knex.js';
import { migrateLatest, rollbackLast } from './migrate.js';
import { createPhotoStorage } from '../uploads/choose-storage.js';

type Command = (db: Database, config: Config, args: string[]) => Promise<void>;

/** Where the configured photo storage keeps files, in words for the operator. */
const photoPlace = (config: Config) =>
  config.photoStorage.kind === 's3' ? `the bucket ${config.photoStorage.bucket}` : config.uploadDir;

const commands: Record<string, Command> = {
  async migrate(db) {
    const names = await migrateLatest(db.knex);
    console.log(names.length ? `Applied: ${names.join(', ')}` : 'Already up to date.');
    await seedReference(db.knex);
  },
  async rollback(db) {
    const names = await rollbackLast(db.knex);
    console.log(names.length ? `Rolled back: ${names.join(', ')}` : 'Nothing to roll back.');
  },
  /** `seed-demo [--count N] [--force]`: demo reports into the configured database, even a server one. */
  async 'seed-demo'(db, config, args) {
    const { values } = parseArgs({
      args,
      options: {
        count: { type: 'string', default: String(DEFAULT_DEMO_COUNT) },
        force: { type: 'boolean', default: false },
      },
    });
    const count = Number(values.count);
    if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number above 0');
    await migrateLatest(db.knex);
    await seedReference(db.knex);
    const options = { count, storage: createPhotoStorage(config), now: new Date() };
    const summary = values.force ? await seedDemo(db.knex, options) : await seedDemoIfEmpty(db.knex, options);
    if (!summary) {
      console.error(
        'The database already holds reports; nothing loaded. Add --force to load the demo anyway.',
      );
      process.exitCode = 1;
      return;
    }
    console.log(
      `Loaded ${summary.reports} demo reports (${summary.updates} timeline rows, ${summary.photos} photos in ${photoPlace(config)}) ` +
        `into the ${db.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'database at DATABASE_URL'} in ${(summary.ms / 1000).toFixed(1)} s.`,
    );
    if (db.engine === 'postgres')
      console.log('The app serves these photos only if its DATA_DIR is the same as this one.');
  },
};

async function main() {
  const [command = '', ...args] = process.argv.slice(2);
  const run = commands[command];
  if (!run) {
    console.error(`Usage: tsx src/db/cli.ts ${Object.keys(commands).join('|')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await run(db, config, args);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
