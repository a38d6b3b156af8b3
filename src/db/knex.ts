import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

// PostgreSQL returns bigint (count(*), bigserial) as text through `pg`; PGlite returns numbers.
// Parsing int8 as a JS number here makes both engines return the same types. Our ids and counts
// stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export type Engine = 'pglite' | 'postgres';

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

export interface DatabaseOptions {
  /** A postgres:// URL, or undefined for the embedded engine. */
  databaseUrl?: string | undefined;
  /** Where the embedded engine keeps its files; undefined keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolMax?: number;
}

export interface Database {
  knex: Knex;
  engine: Engine;
  close(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
    return { knex, engine: 'postgres', close: () => knex.destroy() };
  }
  let dir: string | undefined;
  if (options.dataDir) {
    dir = path.join(options.dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
  }
  // The extensions must be handed to PGlite when it is created; the server loads them by CREATE EXTENSION.
  const pglite = new PGlite({
    ...(dir ? { dataDir: dir } : {}),
    extensions: { pg_trgm, unaccent },
    serializers: { [BYTEA]: byteaToHex },
    parsers: { [BYTEA]: hexToBytea },
  });
  const knex = knexFactory({
    client: ClientPgLite,
    dialect: 'postgres',
    connection: () => ({ pglite }),
  } as Knex.Config);
  return {
    knex,
    engine: 'pglite',
    async close() {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
