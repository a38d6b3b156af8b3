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
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.tilts-write-check-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(
      'DATA_DIR',
      `cannot write ${dataDir} (${typeof code === 'string' ? code : String(error)}); the user Tilts runs as must be able to write it`,
    );
  }
}
