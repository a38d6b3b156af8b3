import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { seedDemo } from '../seeds/demo.js';
import { LocalDiskStorage } from '../src/uploads/storage.js';
import { seedReference } from '../seeds/reference.js';
import { createDatabase, type Database } from '../src/db/knex.js';
import { migrateLatest } from '../src/db/migrate.js';
import { PublicWords } from '../src/reports/public-words.js';
import { SearchWords } from '../src/reports/search-words.js';
import { multiplyReports } from './multiply.js';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';
const BENCH_DATABASE = 'tilts_bench';
/** Past this many, reports are copied in SQL (bench/multiply.ts) rather than made by the demo seeder. */
export const DEMO_SEED_LIMIT = 100_000;

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
  /** How long the demo seeder took, and the SQL copying past DEMO_SEED_LIMIT (null: reused). */
  seedMs: number | null;
  multiplyMs: number | null;
  /** The parish and status with the most public reports, so page 50 exists. */
  busiest: { parish: string; status: string; rows: number };
  /** Public refs to spread /reports/:ref requests over. */
  refs: string[];
  /** Grows the app's database to `reports` (copies in SQL); no app may hold a PGlite directory then. */
  grow(reports: number): Promise<void>;
  /** Runs `work` on the app's database (for PGlite, only while no app is running). */
  withDatabase<T>(work: (knex: Knex) => Promise<T>): Promise<T>;
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
  const existing = await reportCount(knex);
  let seedMs: number | null = null;
  let multiplyMs: number | null = null;
  if (existing === 0) {
    const demo = Math.min(count, DEMO_SEED_LIMIT);
    log(`seeding ${demo.toLocaleString('en')} demo reports (${database.engine})…`);
    seedMs = (await seedDemo(knex, { count: demo, storage: new LocalDiskStorage(uploadDir), photos: 'few' }))
      .ms;
    log(`  ${Math.round(seedMs / 1000)} s`);
    await writeSearchWords(knex, log);
    if (count > demo) multiplyMs = await grow(knex, count, log);
  } else {
    log(`reusing the ${existing.toLocaleString('en')} reports already in the database`);
    await writeSearchWords(knex, log);
  }
  return { seedMs, multiplyMs, ...(await survey(knex)) };
}

/**
 * The words the search reads, which the demo seed does not write: written here, once, so the copies
 * carry them and the app measured does not spend its first minutes catching up (its search-words
 * task would). The demo's words hold no link, so the address given to the masks changes nothing.
 */
async function writeSearchWords(knex: Knex, log: (line: string) => void): Promise<void> {
  const masks = new PublicWords({ publicUrl: 'http://127.0.0.1', inboundDomain: 'reply.example.org' });
  const wrote = await new SearchWords(knex, masks).catchUpAll();
  if (wrote > 0) log(`  wrote the search words of ${wrote.toLocaleString('en')} reports and updates`);
}

async function reportCount(knex: Knex): Promise<number> {
  const [{ n }] = (await knex('reports').count({ n: '*' })) as [{ n: number }];
  return Number(n);
}

/** Copies reports in SQL until there are `count`; the milliseconds it took. */
async function grow(knex: Knex, count: number, log: (line: string) => void): Promise<number | null> {
  if ((await reportCount(knex)) >= count) return null;
  log(`growing to ${count.toLocaleString('en')} reports by copying them in SQL…`);
  const { ms } = await multiplyReports(knex, count, log);
  log(`  ${Math.round(ms / 1000)} s`);
  return ms;
}

/** Fresh statistics, then what the benchmark needs to know of the data. */
async function survey(knex: Knex) {
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
  return { busiest: busiest[0]!, refs: refs.map((row) => row.ref), reports: await reportCount(knex) };
}

async function using<T>(open: () => Database, work: (knex: Knex) => Promise<T>): Promise<T> {
  const database = open();
  try {
    return await work(database.knex);
  } finally {
    await database.close();
  }
}

/** `grow` for BenchData: opens the app's database, copies, and refreshes what the bench knows. */
function grower(data: BenchData, open: () => Database, log: (line: string) => void) {
  return async (count: number) => {
    const database = open();
    try {
      data.multiplyMs = await grow(database.knex, count, log);
      data.seedMs = null;
      Object.assign(data, await survey(database.knex));
    } finally {
      await database.close();
    }
  };
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
    const data: BenchData = {
      engine: 'pglite',
      appEnv: { DATA_DIR: appDir },
      baselineEnv: { DATA_DIR: baselineDir },
      ...filled,
      grow: () => Promise.resolve(),
      withDatabase: (work) => using(() => createDatabase({ dataDir: appDir }), work),
      cleanup: () => Promise.resolve(removeWork()),
    };
    data.grow = grower(data, () => createDatabase({ dataDir: appDir }), options.log);
    return data;
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
    const data: BenchData = {
      engine: 'postgres',
      appEnv: { DATABASE_URL: url, DATA_DIR: appDir },
      baselineEnv: { DATABASE_URL: url },
      ...filled,
      grow: () => Promise.resolve(),
      withDatabase: (work) => using(() => createDatabase({ databaseUrl: target }), work),
      async cleanup() {
        removeWork();
        if (drop) await drop();
        else await dropFortunes(target);
      },
    };
    data.grow = grower(data, () => createDatabase({ databaseUrl: target }), options.log);
    return data;
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
