import { text, type BackupText, type TextValue } from './errors.js';
import type { Manifest } from './manifest.js';

/**
 * The decisions of a restore, without I/O: whether a target may be written, whether the embedded
 * database is in use, and whether what was restored is what the archive promised.
 */

/** What is already at the place a restore would write to. */
export interface TargetContents {
  /** What the target database holds (its tables with rows, or the embedded one), or null when empty. */
  database: TextValue | null;
  photos: number;
  inboundMessages: number;
}

/** Why the target may not be written without `--force`; undefined when it is empty. */
export function nonEmptyReason(contents: TargetContents): BackupText | undefined {
  const parts: BackupText[] = [];
  if (contents.database !== null) parts.push(text('cli.backup.databaseHolds', { tables: contents.database }));
  if (contents.photos > 0) parts.push(text('cli.backup.photosHold', { count: contents.photos }));
  if (contents.inboundMessages > 0)
    parts.push(text('cli.backup.inboundHold', { count: contents.inboundMessages }));
  if (parts.length === 0) return undefined;
  return text('cli.backup.notEmpty', { parts });
}

/** What looking at the processes of this machine found about the embedded database's folder. */
export interface FolderUse {
  /** PGlite writes `postmaster.pid` when it opens the folder and removes it when closed cleanly. */
  pidFile: boolean;
  /** Processes holding files in the folder open. */
  holders: number[];
  /** Whether every process could be looked at (Linux /proc, same user or root). */
  everyProcessSeen: boolean;
}

/**
 * The embedded database admits one process: a second one opening its folder would corrupt it.
 * A holder means the app (or another tool) has it open. A `postmaster.pid` with no holder is left
 * by an app that did not stop cleanly, which is safe only when every process could be looked at.
 */
export function folderInUseReason(folder: string, use: FolderUse): BackupText | undefined {
  if (use.holders.length > 0) return text('cli.backup.inUse', { folder, processes: use.holders.join(', ') });
  if (use.pidFile && !use.everyProcessSeen) return text('cli.backup.markedOpen', { folder });
  return undefined;
}

/** Differences between the row counts the archive promised and those found after restoring. */
export function countProblems(
  expected: Readonly<Record<string, number>>,
  found: Readonly<Record<string, number>>,
): BackupText[] {
  const problems: BackupText[] = [];
  for (const [table, rows] of Object.entries(expected)) {
    if (!(table in found)) problems.push(text('cli.backup.tableMissing', { table }));
    else if (found[table] !== rows)
      problems.push(text('cli.backup.tableRows', { table, found: found[table]!, expected: rows }));
  }
  for (const table of Object.keys(found))
    if (!(table in expected)) problems.push(text('cli.backup.tableExtra', { table }));
  return problems;
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The archive a restore brings back, as the `backups` table notes a finished backup. */
export interface RestoredBackup {
  finishedAt: Date;
  bytes: number;
}

/**
 * The row that says the restored installation's newest backup is the archive it came from. A
 * backup notes itself after its dump, so no archive holds its own row: without this, /metrics
 * would give the backup before it (a night older, or none), and TiltsBackupOld would fire at
 * once on a fresh archive. Its time is the manifest's `createdAt`, when the snapshot was taken
 * (a little before the archive was finished, so never younger than the truth). Undefined for an
 * archive of a Tilts older than the `backups` table: there is nowhere to note it.
 */
export function restoredBackupRow(
  manifest: Pick<Manifest, 'createdAt' | 'tables'>,
  archiveBytes: number,
): RestoredBackup | undefined {
  if (!('backups' in manifest.tables)) return undefined;
  return { finishedAt: new Date(manifest.createdAt), bytes: archiveBytes };
}

/** `restoredBackupRow` as SQL, run in the restore's transaction after its checks. */
export function restoredBackupSql(schema: string, row: RestoredBackup | undefined): string {
  if (!row) return '';
  return (
    `INSERT INTO "${schema}"."backups" (finished_at, bytes) ` +
    `VALUES (${literal(row.finishedAt.toISOString())}, ${Math.trunc(row.bytes)});\n`
  );
}

/**
 * SQL that fails (and so rolls back the restore's transaction) unless the restored schema has
 * exactly the archive's tables, row counts and latest migration. The manifest's names were
 * checked to be plain identifiers; they are quoted all the same.
 */
export function verificationSql(manifest: Pick<Manifest, 'schema' | 'tables' | 'latestMigration'>): string {
  const schema = `"${manifest.schema}"`;
  const lines = Object.entries(manifest.tables).map(
    ([table, rows]) =>
      `  SELECT count(*) INTO n FROM ${schema}."${table}";\n` +
      `  IF n <> ${rows} THEN RAISE EXCEPTION 'table % has % rows, the archive says %', ${literal(table)}, n, ${rows}; END IF;`,
  );
  const tableCount = Object.keys(manifest.tables).length;
  return [
    'DO $verify$',
    'DECLARE n bigint; latest text;',
    'BEGIN',
    `  SELECT count(*) INTO n FROM pg_catalog.pg_tables WHERE schemaname = ${literal(manifest.schema)};`,
    `  IF n <> ${tableCount} THEN RAISE EXCEPTION 'the restored schema has % tables, the archive says %', n, ${tableCount}; END IF;`,
    ...lines,
    `  SELECT name INTO latest FROM ${schema}."knex_migrations" ORDER BY id DESC LIMIT 1;`,
    `  IF latest IS DISTINCT FROM ${literal(manifest.latestMigration)} THEN RAISE EXCEPTION 'the restored schema is at migration %, the archive says %', latest, ${literal(manifest.latestMigration)}; END IF;`,
    'END',
    '$verify$;',
    '',
  ].join('\n');
}
