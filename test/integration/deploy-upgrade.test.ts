import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv, promisify } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { migrations } from '../../migrations/index.js';
import { createDatabase, type DatabaseOptions } from '../../src/db/knex.js';
import { ROOT_DIR } from '../../src/paths.js';

const run = promisify(execFile);
const ENV_FILE = path.join(ROOT_DIR, 'deploy/tilts.env.example');
/** The settings file's placeholders, replaced as an operator does. */
const REHEARSAL = {
  SECRET: 'rehearsal-secret-0f3c9a7e5d1b',
  SMTP_URL: 'smtp://tilts:rehearsal@127.0.0.1:1',
};
/** How many migrations the "new version" brings in this rehearsal. */
const NEW = 2;

/** A database of its own: a scratch database on the test's PostgreSQL server, or an embedded one. */
async function scratchDatabase(): Promise<{
  options: DatabaseOptions;
  env: Record<string, string>;
  drop(): Promise<void>;
}> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-upgrade-'));
    return {
      options: { dataDir },
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      drop: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  // As the guide sets it up: an ordinary role (no superuser) owning its database, so the
  // migrations show that pg_trgm and unaccent need no more than that (both are trusted extensions).
  const name = `tilts_upgrade_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } });
  await admin.raw(`drop database if exists ${name}`);
  await admin.raw(`drop role if exists ${name}`);
  await admin.raw(`create role ${name} login password 'rehearsal-password'`);
  await admin.raw(`create database ${name} owner ${name}`);
  const url = new URL(server);
  url.username = name;
  url.password = 'rehearsal-password';
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-upgrade-'));
  return {
    options: { databaseUrl: url.href },
    env: { DATABASE_URL: url.href, DATA_DIR: dataDir },
    async drop() {
      await admin.raw(`drop database if exists ${name}`);
      await admin.raw(`drop role if exists ${name}`);
      await admin.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const listed = (list: typeof migrations) => ({
  migrationSource: {
    getMigrations: () => Promise.resolve([...list]),
    getMigrationName: (migration: (typeof migrations)[number]) => migration.name,
    getMigration: (migration: (typeof migrations)[number]) => Promise.resolve(migration),
  },
});

describe('docs/operations.md, "Upgrading": migrations at start, and rolling one upgrade back', function () {
  this.timeout(300_000);

  it('reads the settings file with node --env-file as systemd reads it', () => {
    const text = fs.readFileSync(ENV_FILE, 'utf8');
    const systemd = Object.fromEntries(
      text
        .split('\n')
        .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => [match[1]!, match[2]!]),
    );
    assert.deepEqual(parseEnv(text), systemd);
  });

  it('`migrate` applies what a new version brings, `rollback` (npm run migrate:down) takes back exactly that', async () => {
    const scratch = await scratchDatabase();
    try {
      // The installed version: every migration but the newest ones, applied as one batch.
      const installed = createDatabase(scratch.options);
      await installed.knex.migrate.latest(listed(migrations.slice(0, -NEW)));
      await installed.close();

      // The commands of the guide, with the production settings file (its database replaced).
      const cli = async (...command: string[]) => {
        const { stdout } = await run(
          process.execPath,
          [`--env-file=${ENV_FILE}`, '--import', 'tsx', 'src/db/cli.ts', ...command],
          // In English, whatever this machine's locale (the tools speak the shell's language).
          // Its CHANGE-ME placeholders are refused in production: the rehearsal's own values.
          {
            cwd: ROOT_DIR,
            env: { ...process.env, ...REHEARSAL, ...scratch.env, LC_ALL: 'en_GB.UTF-8' },
          },
        );
        return stdout.trim();
      };
      const newest = migrations.slice(-NEW).map((migration) => migration.name);
      assert.equal(await cli('migrate'), `Applied: ${newest.join(', ')}`);
      assert.equal(await cli('rollback', '--yes'), `Rolled back: ${[...newest].reverse().join(', ')}`);

      const check = createDatabase(scratch.options);
      try {
        const batches = (await check
          .knex('knex_migrations')
          .select('batch')
          .count({ n: '*' })
          .groupBy('batch')) as {
          batch: number;
          n: number | string;
        }[];
        assert.deepEqual(
          batches.map((row) => [row.batch, Number(row.n)]),
          [[1, migrations.length - NEW]],
          'the installed version’s batch is untouched',
        );
        await assertReferenceData(check.knex);
      } finally {
        await check.close();
      }
      assert.equal(await cli('migrate'), `Applied: ${newest.join(', ')}`);
    } finally {
      await scratch.drop();
    }
  });
});

/** The schema the old version reads is still there, with its reference data. */
async function assertReferenceData(knex: Knex): Promise<void> {
  const [row] = (await knex('parishes').count({ n: '*' })) as { n: number | string }[];
  assert.equal(Number(row!.n), 29);
}
