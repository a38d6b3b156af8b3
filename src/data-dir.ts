import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-rules.js';

/**
 * DATA_DIR is written to by every photo, upload and inbound email: one the app cannot write (a
 * typo outside the service's `ReadWritePaths=`, a folder of another user) stops the start in one
 * line, instead of a server that starts on PostgreSQL and fails later, on the first photo or
 * reply it must store. Made when missing, as the embedded database would make it.
 */
export function checkDataDir(dataDir: string): void {
  try {
    makeDirectory(dataDir);
    const probe = path.join(dataDir, `.tilts-write-check-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const code = codeOf(error);
    throw new ConfigError(
      'DATA_DIR',
      `cannot write ${dataDir} (${typeof code === 'string' ? code : String(error)}); the user Tilts runs as must be able to write it`,
    );
  }
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * `fs.mkdirSync(dir, { recursive: true })` without its endless loop: Node 20's, asked for a folder
 * under /proc or another file system that answers ENOENT for a parent that exists, tries again
 * forever (DATA_DIR=/proc/x hung the start). The folders missing are found by looking up from
 * `dir` to the first that exists, then made one at a time, so such a file system's refusal is
 * thrown as it comes (ENOENT, ENOTDIR for a file on the way, EACCES).
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      fs.statSync(at);
      break;
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    const parent = path.dirname(at);
    missing.push(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      // Made meanwhile by another process: what is there is checked by whatever writes into it.
      if (codeOf(error) !== 'EEXIST') throw error;
    }
  }
}
