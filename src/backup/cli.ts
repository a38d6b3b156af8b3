/* eslint-disable no-console -- a command-line tool talks to its user on the console */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toolErrorText } from '../start-refusal.js';
import { loadConfig, type Config } from '../config.js';
import { EmbeddedInUseError, lockEmbedded } from '../db/embedded-lock.js';
import { createDatabase, embeddedDatabaseDir } from '../db/knex.js';
import { cliTranslator, exitCodeOf, parsedOrUsage, UsageError } from '../i18n/cli.js';
import type { Translate } from '../i18n/index.js';
import { createPhotoStorage } from '../uploads/choose-storage.js';
import { createBackup } from './backup.js';
import { BackupError, renderText, text } from './errors.js';
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

async function backup(config: Config, args: string[], t: Translate): Promise<void> {
  const { values } = parsedOrUsage(
    () => parseArgs({ args, options: { out: { type: 'string' } } }),
    t('cli.backup.usage'),
  );
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  const out =
    values.out ?? path.join(config.dataDir, 'backups', `tilts-${engine}-${stamp(new Date())}.tar.gz`);
  if (!config.databaseUrl) {
    const folder = embeddedDatabaseDir(config.dataDir);
    await access(folder).catch(() => {
      throw new BackupError(text('cli.backup.noEmbedded', { folder }));
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
      t('cli.backup.wrote', {
        file: result.file,
        // A small archive in kilobytes: "0.0 MB" read as if nothing had been written.
        size:
          result.bytes < 1024 * 1024
            ? t('cli.backup.kilobytes', { n: Math.max(1, Math.round(result.bytes / 1024)) })
            : t('cli.backup.megabytes', { n: (result.bytes / 1024 / 1024).toFixed(1) }),
        database: engine === 'pglite' ? t('cli.backup.embeddedDatabase') : t('cli.backup.postgresDatabase'),
        migration: manifest.latestMigration,
        reports: rowsIn(manifest, 'reports'),
        photos,
        mail,
      }),
    );
    if (result.missingPhotos > 0)
      console.warn(t('cli.backup.missingPhotos', { count: result.missingPhotos }));
    if (result.missingMail > 0) console.warn(t('cli.backup.missingMail', { count: result.missingMail }));
    console.log(t('cli.backup.copyOff'));
  } finally {
    await database.close();
  }
}

async function restore(config: Config, args: string[], t: Translate): Promise<void> {
  const { values, positionals } = parsedOrUsage(
    () =>
      parseArgs({
        args,
        allowPositionals: true,
        options: { force: { type: 'boolean', default: false } },
      }),
    t('cli.backup.usage'),
  );
  const [archive] = positionals;
  if (!archive || positionals.length > 1) throw new UsageError(t('cli.backup.usage'));
  // The embedded database is replaced whole: no other process may open it meanwhile.
  const lock = config.databaseUrl ? undefined : lockEmbedded(config.dataDir);
  const result = await restoreBackup(path.resolve(archive), {
    engine: config.databaseUrl ? 'postgres' : 'pglite',
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    storage: createPhotoStorage(config),
    force: values.force,
  }).finally(() => lock?.release());
  const { manifest } = result;
  const counts = {
    createdAt: manifest.createdAt,
    reports: rowsIn(manifest, 'reports'),
    photos: result.photos,
    mail: result.inboundMessages,
  };
  console.log(result.replaced ? t('cli.backup.restoredReplacing', counts) : t('cli.backup.restored', counts));
  console.log(t('cli.backup.startApp'));
}

const commands: Record<string, (config: Config, args: string[], t: Translate) => Promise<void>> = {
  backup,
  restore,
};

async function main(t: Translate) {
  const [command = '', ...args] = process.argv.slice(2);
  const run = commands[command];
  if (!run) throw new UsageError(t('cli.backup.usage'));
  await run(loadConfig(), args, t);
}

// Said in the shell's language (LC_ALL, LC_MESSAGES, LANG), as the other tools do; Latvian by default.
const t = await cliTranslator(process.env);
main(t).catch((error: unknown) => {
  console.error(
    error instanceof BackupError
      ? renderText(t, error.text)
      : error instanceof EmbeddedInUseError
        ? t('cli.db.inUse', { folder: error.folder, pid: error.pid })
        : toolErrorText(error, process.env),
  );
  process.exit(exitCodeOf(error));
});
