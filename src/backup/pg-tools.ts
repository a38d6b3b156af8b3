import { spawn, type ChildProcess } from 'node:child_process';
import { BackupError, text } from './errors.js';

/**
 * How pg_dump, pg_restore and psql reach the database of DATABASE_URL: the URL without its
 * password on the command line (any user of the machine can read a process's arguments), the
 * password in PGPASSWORD, which only the process and root can read.
 */
export function libpqConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    url: url.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGAPPNAME: 'tilts-backup' },
  };
}

export interface Finished {
  code: number | null;
  stderr: string;
}

/** Starts a PostgreSQL client program; a missing program is said plainly. */
export function startTool(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Waits for a started program to end, keeping the end of what it said on stderr. */
export function finished(child: ChildProcess, command: string): Promise<Finished> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new BackupError(text('cli.backup.toolMissing', { command })) : error),
    );
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

/** The lines of a tool's complaint worth showing (errors, not notices). */
export function complaint(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^(NOTICE|DETAIL|HINT|CONTEXT):/.test(line) && !/^psql:.*NOTICE:/.test(line));
  return lines.slice(-5).join(' / ') || 'no message';
}
