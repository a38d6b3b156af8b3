import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { lockEmbedded, type EmbeddedLock } from './embedded-lock.js';
import { EmbeddedClient, PreparingPgClient } from './prepared.js';
import { makeDirectory } from '../data-dir.js';

// PostgreSQL returns bigint (count(*), bigserial) as text through `pg`; PGlite returns numbers.
// Parsing int8 as a JS number here makes both engines return the same types. Our ids and counts
// stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export type Engine = 'pglite' | 'postgres';

/** Where the embedded engine keeps its files in DATA_DIR (a backup copies it, a restore replaces it). */
export function embeddedDatabaseDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

const CONNECT_TIMEOUT_MS = 5_000;
const ACQUIRE_TIMEOUT_MS = 10_000;
const PGLITE_ACQUIRE_TIMEOUT_MS = 5 * 60_000;

const BYTEA = 17;

// PGlite's own bytea conversion builds a JavaScript array with one string per byte: storing a
// 25 MB inbound message took seconds and about 2 GB of memory. Node's hex codec does it in one
// pass, and reading gives a Buffer, as `pg` does.
function byteaToHex(value: unknown): string {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
}

function hexToBytea(value: string): Buffer {
  return Buffer.from(value.slice(2), 'hex');
}

/**
 * Whether `knex` talks to a PostgreSQL server, where other connections' statements run at the same
 * time as its own, rather than to the embedded engine (one statement at a time).
 */
export function onServer(knex: Knex): boolean {
  return knex.client instanceof PreparingPgClient;
}

/** What the running app's connections are called on PostgreSQL (`application_name`). */
export const APP_CONNECTION_NAMES = ['tilts-app', 'tilts-page-cache'] as const;

export interface DatabaseOptions {
  /** A postgres:// URL, or undefined for the embedded engine. */
  databaseUrl?: string | undefined;
  /** Where the embedded engine keeps its files; undefined keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolMax?: number;
  /** Where knex's own warnings go (a failed connection attempt is one); its console by default. */
  log?: Knex.Logger;
  /**
   * PostgreSQL only: the name its connections show in `pg_stat_activity` ("tilts-app" for the
   * running app, APP_CONNECTION_NAME: a restore refuses while one is connected).
   */
  applicationName?: string;
  /** The embedded engine only: a data folder dumped by `dumpDataDir`, loaded into an empty `dataDir` (restore). */
  loadDataDir?: Blob;
}

export interface Database {
  knex: Knex;
  engine: Engine;
  /** The embedded engine's instance: a backup dumps its data folder through it while it serves. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * The statements we prepare (PREPARED) are written so that the one plan PostgreSQL makes for any
 * values reads the right index (query-plans.test.ts reads each such plan at 1,000,000 reports):
 * keep that plan instead of planning again for each new value, which PostgreSQL otherwise does
 * whenever its estimate for "any value" looks dearer (a bound OFFSET always does: the list's
 * page 50 was planned again on every view, a millisecond each). Unprepared queries are planned
 * with their values as before: this setting concerns prepared statements only.
 */
function keepGenericPlans(
  connection: { query(sql: string, done: (error?: Error) => void): void },
  done: (error: Error | undefined, connection: unknown) => void,
) {
  connection.query('set plan_cache_mode = force_generic_plan', (error) => done(error, connection));
}

export function createDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const knex = knexFactory({
      // knex's `pg` client, with the reads marked PREPARED as named statements (src/db/prepared.ts).
      client: PreparingPgClient,
      connection: {
        connectionString: options.databaseUrl,
        application_name: options.applicationName ?? 'tilts',
        // A server that vanished without a word (a network cut, not a restart) is noticed by
        // TCP keepalive rather than after the kernel's two hours; a connect that hangs is given up.
        keepAlive: true,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      },
      // min 0: no idle connection is kept that a restart of PostgreSQL would leave dead. A
      // connection that failed (57P01 on restart, a reset) is marked by knex and never handed out
      // again; new ones are made as requests need them. A request that cannot get one within
      // the acquire timeout fails as "unavailable" (503) instead of waiting a minute.
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
      ...(options.log ? { log: options.log } : {}),
      pool: { min: 0, max: options.poolMax ?? 10, idleTimeoutMillis: 30_000, afterCreate: keepGenericPlans },
    });
    return { knex, engine: 'postgres', close: () => knex.destroy() };
  }
  let dir: string | undefined;
  // PGlite itself lets a second process open the same folder and lose its writes: refused here,
  // for the app and every tool alike (EmbeddedInUseError names the process that has it).
  let lock: EmbeddedLock | undefined;
  if (options.dataDir) {
    lock = lockEmbedded(options.dataDir);
    dir = embeddedDatabaseDir(options.dataDir);
    makeDirectory(dir);
  }
  let pglite: PGlite;
  try {
    // The extensions must be handed to PGlite when it is created; the server loads them by CREATE EXTENSION.
    pglite = new PGlite({
      ...(dir ? { dataDir: dir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm, unaccent },
      serializers: { [BYTEA]: byteaToHex },
      parsers: { [BYTEA]: hexToBytea },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const knex = knexFactory({
    client: EmbeddedClient,
    dialect: 'postgres',
    connection: () => ({ pglite }),
    // One connection, and the first one waits for initdb of a new data folder, which takes close
    // to a minute on a busy two-core machine: knex's default minute would fail the first start.
    acquireConnectionTimeout: PGLITE_ACQUIRE_TIMEOUT_MS,
  } as Knex.Config);
  return {
    knex,
    engine: 'pglite',
    pglite,
    async close() {
      try {
        await knex.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
