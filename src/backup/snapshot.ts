import type { Knex } from 'knex';
import type { Database, Engine } from '../db/knex.js';
import { BackupError, text } from './errors.js';
import { complaint, finished, libpqConnection, startTool } from './pg-tools.js';

/** The database at one moment: its dump and what the manifest says about it, from one snapshot. */
export interface Snapshot {
  engine: Engine;
  schema: string;
  latestMigration: string;
  tables: Record<string, number>;
  /** Photo keys the database refers to, to notice a photo deleted before it could be copied. */
  photoKeys: string[];
  /** Raw inbound messages the database keeps as files, to notice one this process cannot read. */
  rawMailKeys: string[];
  /** PGlite's dump in memory, or undefined when pg_dump wrote `dumpFile`. */
  blob?: Blob;
}

/**
 * Counts and dump come from the same snapshot, so the manifest's counts are exactly what the dump
 * holds while residents keep submitting. PostgreSQL: a repeatable-read transaction exports its
 * snapshot and pg_dump reads through it (`--snapshot`). PGlite: one connection, so while this
 * transaction holds it nothing else runs, and the data folder is dumped through the open
 * instance between two statements: a running app's database is copied as of that moment.
 */
export async function takeSnapshot(
  database: Database,
  databaseUrl: string | undefined,
  dumpFile: string,
): Promise<Snapshot> {
  return database.knex.transaction(
    async (trx) => {
      const described = await describe(trx);
      if (database.engine === 'postgres') {
        if (!databaseUrl) throw new Error('a PostgreSQL backup needs the database URL');
        const { rows } = await trx.raw<{ rows: { id: string }[] }>('select pg_export_snapshot() as id');
        await pgDump(databaseUrl, rows[0]!.id, dumpFile);
        return { engine: database.engine, ...described };
      }
      if (!database.pglite) throw new Error('the embedded database has no instance to dump');
      const blob = await database.pglite.dumpDataDir('none');
      return { engine: database.engine, ...described, blob };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

async function describe(trx: Knex.Transaction) {
  const { rows: schemaRows } = await trx.raw<{ rows: { schema: string }[] }>(
    'select current_schema() as schema',
  );
  const schema = schemaRows[0]!.schema;
  const tables = await tableCounts(trx, schema);
  const names = Object.keys(tables);
  if (!names.includes('knex_migrations')) throw new BackupError(text('cli.backup.noSchema'));
  const latest = (await trx('knex_migrations').orderBy('id', 'desc').first('name')) as
    { name: string } | undefined;
  if (!latest) throw new BackupError(text('cli.backup.noMigrations'));
  const photoKeys = names.includes('report_photos')
    ? ((await trx('report_photos').pluck('storage_key')) as string[])
    : [];
  const rawMailKeys = names.includes('inbound_messages')
    ? ((await trx('inbound_messages').whereNotNull('raw_key').pluck('raw_key')) as string[])
    : [];
  return { schema, latestMigration: latest.name, tables, photoKeys, rawMailKeys };
}

async function pgDump(databaseUrl: string, snapshot: string, file: string): Promise<void> {
  const connection = libpqConnection(databaseUrl);
  // Uncompressed: the archive is gzipped as a whole, once.
  const args = [
    '--format=custom',
    '--compress=0',
    `--snapshot=${snapshot}`,
    `--file=${file}`,
    `--dbname=${connection.url}`,
  ];
  const child = startTool('pg_dump', args, connection.env);
  child.stdin?.end();
  const result = await finished(child, 'pg_dump');
  if (result.code !== 0)
    throw new BackupError(text('cli.backup.pgDumpFailed', { complaint: complaint(result.stderr) }));
}

/** Every table of `schema` with its number of rows. */
export async function tableCounts(db: Knex, schema: string): Promise<Record<string, number>> {
  const { rows } = await db.raw<{ rows: { name: string }[] }>(
    'select tablename as name from pg_catalog.pg_tables where schemaname = ? order by tablename',
    [schema],
  );
  const tables: Record<string, number> = {};
  for (const { name } of rows) {
    const [row] = (await db.withSchema(schema).from(name).count({ n: '*' })) as { n: number | string }[];
    tables[name] = Number(row!.n);
  }
  return tables;
}
