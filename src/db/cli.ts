/* eslint-disable no-console -- a command-line tool talks to its user on the console */
import { loadConfig } from '../config.js';
import { seedReference } from '../../seeds/reference.js';
import { createDatabase } from './knex.js';
import { migrateLatest, rollbackLast } from './migrate.js';

const commands: Record<string, (db: ReturnType<typeof createDatabase>) => Promise<void>> = {
  async migrate(db) {
    const names = await migrateLatest(db.knex);
    console.log(names.length ? `Applied: ${names.join(', ')}` : 'Already up to date.');
    await seedReference(db.knex);
  },
  async rollback(db) {
    const names = await rollbackLast(db.knex);
    console.log(names.length ? `Rolled back: ${names.join(', ')}` : 'Nothing to roll back.');
  },
};

async function main() {
  const command = process.argv[2] ?? '';
  const run = commands[command];
  if (!run) {
    console.error(`Usage: tsx src/db/cli.ts ${Object.keys(commands).join('|')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await run(db);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
