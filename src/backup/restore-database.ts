import { once } from 'node:events';
import { mkdtemp, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { makeDirectory } from '../data-dir.js';
import { APP_CONNECTION_NAMES, createDatabase, embeddedDatabaseDir } from '../db/knex.js';
import { BackupError, text, type TextValue } from './errors.js';
import { folderUse } from './in-use.js';
import type { Manifest } from './manifest.js';
import { complaint, finished, libpqConnection, startTool } from './pg-tools.js';
import {
  countProblems,
  folderInUseReason,
  restoredBackupSql,
  verificationSql,
  type RestoredBackup,
} from './restore-rules.js';
import { tableCounts } from './snapshot.js';

/** What is in the target database: tables holding rows, and whether anything must be dropped first. */
export interface DatabaseContents {
  /** Its tables with rows (the first five), or the embedded database found; null when empty. */
  nonEmpty: TextValue | null;
  clean: boolean;
}

/** The PostgreSQL database of DATABASE_URL: its schema must be the archive's, its tables empty. */
export async function inspectPostgres(databaseUrl: string, schemaName: string): Promise<DatabaseContents> {
  const database = createDatabase({ databaseUrl, poolMax: 1 });
  try {
    const { rows } = await database.knex
      .raw<{ rows: { schema: string }[] }>('select current_schema() as schema')
      .catch((error: unknown) => {
        throw new BackupError(text('cli.backup.unreachable', { error: (error as Error).message }));
      });
    if (rows[0]?.schema !== schemaName)
      throw new BackupError(
        text('cli.backup.otherSchema', {
          schema: schemaName,
          current: rows[0]?.schema ?? text('cli.backup.none'),
        }),
      );
    await refuseWhileAppConnected(database.knex);
    const counts = await tableCounts(database.knex, schemaName);
    const { rows: objects } = await database.knex.raw<{ rows: { n: number }[] }>(
      `select (select count(*) from pg_catalog.pg_class c where c.relnamespace = n.oid)
            + (select count(*) from pg_catalog.pg_proc p where p.pronamespace = n.oid)
            + (select count(*) from pg_catalog.pg_extension e where e.extnamespace = n.oid) as n
         from pg_catalog.pg_namespace n where n.nspname = ?`,
      [schemaName],
    );
    const filled = Object.entries(counts)
      .filter(([, rowCount]) => rowCount > 0)
      .map(([table]) => table);
    return {
      nonEmpty:
        filled.length === 0 ? null : `${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}`,
      clean: Number(objects[0]?.n ?? 0) > 0,
    };
  } finally {
    await database.close();
  }
}

/**
 * The running app's connections to this database (their `application_name`, src/db/knex.ts): a
 * restore under it would drop the schema it is writing to, or lose what it writes meanwhile.
 * The embedded engine's twin is the folder's holders (`inspectEmbedded`).
 */
async function refuseWhileAppConnected(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { client: string | null }[] }>(
    `select coalesce(host(client_addr), 'local') as client from pg_catalog.pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and application_name in (${APP_CONNECTION_NAMES.map(() => '?').join(', ')})`,
    [...APP_CONNECTION_NAMES],
  );
  if (rows.length === 0) return;
  const clients = [...new Set(rows.map((row) => row.client ?? 'local'))].join(', ');
  throw new BackupError(text('cli.backup.appConnected', { count: rows.length, clients }));
}

/**
 * Restores a pg_dump archive in one transaction: pg_restore turns it into SQL, psql runs it
 * between our BEGIN and COMMIT, with the old schema dropped first (`clean`) and the counts
 * checked last, then the archive noted as the newest backup (`restored`). Any error, or an end of
 * input before COMMIT, rolls everything back: the target is then as it was.
 */
export async function restorePostgres(
  databaseUrl: string,
  dumpFile: string,
  manifest: Manifest,
  clean: boolean,
  restored?: RestoredBackup,
): Promise<void> {
  const connection = libpqConnection(databaseUrl);
  const schema = `"${manifest.schema}"`;
  const preamble = [
    'BEGIN;',
    // A running app holds locks on its tables: give up rather than wait behind it.
    "SET LOCAL lock_timeout = '15s';",
    ...(clean
      ? [
          `DROP SCHEMA IF EXISTS ${schema} CASCADE;`,
          `CREATE SCHEMA ${schema};`,
          // pg_dump leaves out the public schema that initdb makes: put it back as initdb had it.
          ...(manifest.schema === 'public'
            ? [
                'ALTER SCHEMA public OWNER TO pg_database_owner;',
                "COMMENT ON SCHEMA public IS 'standard public schema';",
                'GRANT USAGE ON SCHEMA public TO PUBLIC;',
              ]
            : []),
        ]
      : []),
    '',
  ].join('\n');
  const psql = startTool(
    'psql',
    ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--file=-', `--dbname=${connection.url}`],
    connection.env,
  );
  const psqlDone = finished(psql, 'psql');
  const input = psql.stdin!;
  // psql stops reading at its first error; what was still being written is of no use then.
  input.on('error', () => undefined);
  const restore = startTool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--file=-', dumpFile],
    connection.env,
  );
  restore.stdin?.end();
  const restoreDone = finished(restore, 'pg_restore');
  void psqlDone.finally(() => restore.kill()).catch(() => undefined);
  try {
    input.write(preamble);
    for await (const chunk of restore.stdout!) {
      if (input.destroyed || input.writableEnded) break;
      if (!input.write(chunk)) await Promise.race([once(input, 'drain'), psqlDone]);
    }
    const dumped = await restoreDone;
    // Only a complete script gets the checks and the COMMIT; anything else ends without one.
    if (dumped.code === 0 && !input.destroyed)
      input.write(`\n${verificationSql(manifest)}${restoredBackupSql(manifest.schema, restored)}COMMIT;\n`);
    input.end();
    const ran = await psqlDone;
    if (dumped.code !== 0)
      throw new BackupError(text('cli.backup.pgRestoreFailed', { complaint: complaint(dumped.stderr) }));
    if (ran.code !== 0)
      throw new BackupError(text('cli.backup.rolledBack', { complaint: complaint(ran.stderr) }));
  } catch (error) {
    restore.kill();
    psql.kill();
    throw error;
  }
}

/** The embedded database's folder under DATA_DIR: refused while a process has it open. */
export async function inspectEmbedded(dataDir: string): Promise<DatabaseContents> {
  const folder = embeddedDatabaseDir(dataDir);
  const busy = folderInUseReason(folder, await folderUse(folder));
  if (busy) throw new BackupError(busy);
  const present = (await readdir(folder).catch(() => [])).length > 0;
  return { nonEmpty: present ? text('cli.backup.embeddedPresent', { folder }) : null, clean: present };
}

/**
 * Loads PGlite's dump into a new folder beside the live one, checks its counts with the app's
 * own engine settings, notes the archive as the newest backup (`restored`), and only then puts it
 * in place (the old one, with --force, is removed after the swap). A failure before the swap
 * leaves DATA_DIR as it was.
 */
export async function restoreEmbedded(
  dataDir: string,
  dumpFile: string,
  manifest: Manifest,
  restored?: RestoredBackup,
): Promise<void> {
  // Not mkdir's recursive mode, which loops for ever where a folder answers ENOENT (/proc).
  makeDirectory(dataDir);
  const stage = await mkdtemp(path.join(dataDir, '.restoring-'));
  const live = embeddedDatabaseDir(dataDir);
  const replaced = path.join(stage, 'replaced');
  try {
    const database = createDatabase({ dataDir: stage, loadDataDir: new Blob([await readFile(dumpFile)]) });
    try {
      const counts = await tableCounts(database.knex, manifest.schema);
      const latest = (await database.knex('knex_migrations').orderBy('id', 'desc').first('name')) as
        { name: string } | undefined;
      const problems = countProblems(manifest.tables, counts);
      if (latest?.name !== manifest.latestMigration)
        problems.push(
          text('cli.backup.migrationMismatch', {
            found: latest?.name ?? text('cli.backup.none'),
            expected: manifest.latestMigration,
          }),
        );
      if (problems.length > 0)
        throw new BackupError(text('cli.backup.mismatch', { problems: problems.slice(0, 5) }));
      if (restored)
        await database.knex('backups').insert({ finished_at: restored.finishedAt, bytes: restored.bytes });
    } finally {
      await database.close();
    }
    const hadLive = await rename(live, replaced).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    try {
      await rename(embeddedDatabaseDir(stage), live);
    } catch (error) {
      if (hadLive) await rename(replaced, live);
      throw error;
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
