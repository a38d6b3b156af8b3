/* eslint-disable no-console -- a command-line tool talks to its user on the console */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config.js';
import { createDatabase, embeddedDatabaseDir } from '../db/knex.js';
import { isParseArgsError } from '../i18n/cli.js';
import { createPhotoStorage } from '../uploads/choose-storage.js';
import { createBackup } from './backup.js';
import { BackupError } from './errors.js';
import { folderUse } from './in-use.js';
import { rowsIn } from './manifest.js';
import { restoreBackup } from './restore.js';
import { folderInUseReason } from './restore-rules.js';

/**
 * `backup [--out FILE]` and `restore ARCHIVE [--force]`, with the app's own settings (the same
 * environment as the app: DATABASE_URL, DATA_DIR, PHOTO_STORAGE and S3_*).
 *
 * The embedded engine admits one process, so with it a backup or restore refuses while the app
 * runs (it names the process) and asks to stop it for the moment it takes. PostgreSQL is backed
 * up while the app serves; a restore there should still be done with the app stopped.
 */

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

async function backup(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  const out =
    values.out ?? path.join(config.dataDir, 'backups', `tilts-${engine}-${stamp(new Date())}.tar.gz`);
  if (!config.databaseUrl) {
    const folder = embeddedDatabaseDir(config.dataDir);
    await access(folder).catch(() => {
      throw new BackupError(
        `There is no embedded database in ${folder}: check DATA_DIR (or set DATABASE_URL).`,
      );
    });
    const busy = folderInUseReason(folder, await folderUse(folder));
    if (busy) throw new BackupError(busy);
  }
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    const result = await createBackup(
      {
        database,
        databaseUrl: config.databaseUrl,
        storage: createPhotoStorage(config),
        dataDir: config.dataDir,
      },
      out,
    );
    const { manifest } = result;
    const photos = manifest.members.filter((member) => member.kind === 'photo').length;
    const mail = manifest.members.filter((member) => member.kind === 'inbound').length;
    console.log(
      `Wrote ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB): ${engine === 'pglite' ? 'embedded database' : 'PostgreSQL'} ` +
        `at ${manifest.latestMigration}, ${rowsIn(manifest, 'reports')} reports, ${photos} photo files, ${mail} raw inbound messages.`,
    );
    if (result.missingPhotos > 0)
      console.warn(
        `Warning: ${result.missingPhotos} photos the database refers to were not in the storage when copied.`,
      );
    console.log(
      "Copy it off this machine (encrypted); it holds residents' personal data. Settings and secrets are not in it.",
    );
  } finally {
    await database.close();
  }
}

async function restore(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [archive] = positionals;
  if (!archive || positionals.length > 1) throw new UsageError();
  const result = await restoreBackup(path.resolve(archive), {
    engine: config.databaseUrl ? 'postgres' : 'pglite',
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    storage: createPhotoStorage(config),
    force: values.force,
  });
  const { manifest } = result;
  console.log(
    `Restored the backup of ${manifest.createdAt}: ${rowsIn(manifest, 'reports')} reports, ${result.photos} photo files, ` +
      `${result.inboundMessages} raw inbound messages${result.replaced ? ' (what was there before was replaced)' : ''}.`,
  );
  console.log('Start the app with the same SECRET as before: it applies any newer migrations at start-up.');
}

class UsageError extends Error {}

const commands: Record<string, (config: Config, args: string[]) => Promise<void>> = { backup, restore };

async function main() {
  const [command = '', ...args] = process.argv.slice(2);
  const run = commands[command];
  if (!run) throw new UsageError();
  await run(loadConfig(), args);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || isParseArgsError(error)) {
    console.error('Usage: npm run backup -- [--out FILE]\n       npm run restore -- ARCHIVE [--force]');
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
