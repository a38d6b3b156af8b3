import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { seedDemo } from '../seeds/demo.js';
import { seedReference } from '../seeds/reference.js';
import { createDatabase, type Database } from '../src/db/knex.js';
import { migrateLatest } from '../src/db/migrate.js';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';
const BENCH_DATABASE = 'tilts_bench';

// The TechEmpower "fortunes" table, word for word (the script tag checks that the page escapes).
const FORTUNES = [
  'fortune: No such file or directory',
  "A computer scientist is someone who fixes things that aren't broken.",
  'After enough decimal places, nobody gives a damn.',
  'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1',
  'A computer program does what you tell it to do, not what you want it to do.',
  'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen',
  'Any program that runs right is obsolete.',
  'A list is only as strong as its weakest link. — Donald Knuth',
  'Feature: A bug with seniority.',
  'Computers make very fast, very accurate mistakes.',
  '<script>alert("This should not be displayed in a browser alert box.");</script>',
  'フレームワークのベンチマーク',
];

export interface BenchData {
  engine: 'postgres' | 'pglite';
  /** DATABASE_URL or DATA_DIR for each child; DATA_DIR also holds the app's demo photos. */
  appEnv: Record<string, string>;
  baselineEnv: Record<string, string>;
  reports: number;
  seedMs: number | null;
  /** The parish and status with the most public reports, so page 50 exists. */
  busiest: { parish: string; status: string; rows: number };
  /** Public refs to spread /reports/:ref requests over. */
  refs: string[];
  cleanup(): Promise<void>;
}

async function createFortunes(knex: Knex): Promise<void> {
  await knex.raw('create table if not exists bench_fortune (id integer primary key, message text not null)');
  await knex('bench_fortune')
    .insert(FORTUNES.map((message, index) => ({ id: index + 1, message })))
    .onConflict('id')
    .ignore();
}

const PUBLIC = "not is_private and not hidden and withdrawn_at is null and status <> 'unconfirmed'";

/** Schema, reference data and `count` demo reports (unless already there), then fresh statistics. */
async function fill(database: Database, count: number, uploadDir: string, log: (line: string) => void) {
  const { knex } = database;
  await migrateLatest(knex);
  await seedReference(knex);
  const [{ n: existing }] = (await knex('reports').count({ n: '*' })) as [{ n: number }];
  let seedMs: number | null = null;
  if (Number(existing) === 0) {
    log(`seeding ${count.toLocaleString('en')} demo reports (${database.engine})…`);
    seedMs = (await seedDemo(knex, { count, uploadDir, photos: 'few' })).ms;
  } else {
    log(`reusing the ${Number(existing).toLocaleString('en')} reports already in the database`);
  }
  // What autovacuum would do a little later on a live server: planner statistics and a visibility
  // map, so the app is measured in its steady state rather than just after a bulk load.
  await knex.raw('vacuum analyze');
  const { rows: busiest } = await knex.raw<{ rows: { parish: string; status: string; rows: number }[] }>(
    `select parish_code as parish, status, count(*)::int as rows from reports where ${PUBLIC}
     group by parish_code, status order by count(*) desc limit 1`,
  );
  const { rows: refs } = await knex.raw<{ rows: { ref: string }[] }>(
    `select ref from reports where ${PUBLIC} order by md5(ref) limit 2000`,
  );
  const [{ n: total }] = (await knex('reports').count({ n: '*' })) as [{ n: number }];
  return { seedMs, busiest: busiest[0]!, refs: refs.map((row) => row.ref), reports: Number(total) };
}

export async function prepareBenchData(options: {
  engine: 'postgres' | 'pglite';
  databaseUrl: string | undefined;
  reports: number;
  log: (line: string) => void;
}): Promise<BenchData> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-bench-'));
  const appDir = path.join(work, 'app');
  const removeWork = () => fs.rmSync(work, { recursive: true, force: true });

  if (options.engine === 'pglite') {
    const app = createDatabase({ dataDir: appDir });
    const filled = await fill(app, options.reports, path.join(appDir, 'uploads'), options.log).finally(() =>
      app.close(),
    );
    // A PGlite directory belongs to one process, so the baseline gets its own.
    const baselineDir = path.join(work, 'baseline');
    const baseline = createDatabase({ dataDir: baselineDir });
    await createFortunes(baseline.knex).finally(() => baseline.close());
    return {
      engine: 'pglite',
      appEnv: { DATA_DIR: appDir },
      baselineEnv: { DATA_DIR: baselineDir },
      ...filled,
      cleanup: () => Promise.resolve(removeWork()),
    };
  }

  let url = options.databaseUrl;
  let drop: (() => Promise<void>) | undefined;
  if (!url) {
    const admin = new pg.Client({ connectionString: `${DEFAULT_SERVER}/postgres` });
    await admin.connect();
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin.query(`create database ${BENCH_DATABASE}`);
    await admin.end();
    url = `${DEFAULT_SERVER}/${BENCH_DATABASE}`;
    drop = async () => {
      const client = new pg.Client({ connectionString: `${DEFAULT_SERVER}/postgres` });
      await client.connect();
      await client.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
      await client.end();
    };
  }
  const database = createDatabase({ databaseUrl: url });
  try {
    const filled = await fill(database, options.reports, path.join(appDir, 'uploads'), options.log);
    await createFortunes(database.knex);
    const target = url;
    return {
      engine: 'postgres',
      appEnv: { DATABASE_URL: url, DATA_DIR: appDir },
      baselineEnv: { DATABASE_URL: url },
      ...filled,
      async cleanup() {
        removeWork();
        if (drop) await drop();
        else await dropFortunes(target);
      },
    };
  } catch (error) {
    removeWork();
    await drop?.();
    throw error;
  } finally {
    await database.close();
  }
}

/** A database the user named is theirs: leave their reports, take our table away. */
async function dropFortunes(url: string): Promise<void> {
  const database = createDatabase({ databaseUrl: url });
  try {
    await database.knex.raw('drop table if exists bench_fortune');
  } finally {
    await database.close();
  }
}
