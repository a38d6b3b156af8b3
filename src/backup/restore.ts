import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../db/knex.js';
import { rawMailDir } from '../inbound/raw-store.js';
import type { PhotoStorage } from '../uploads/storage.js';
import { migrations } from '../../migrations/index.js';
import { unpackArchive, type StagedMember } from './archive-reader.js';
import { BackupError, nothingRestored, text } from './errors.js';
import {
  checkEngine,
  checkMigration,
  MANIFEST_PATH,
  memberProblems,
  parseManifest,
  type Manifest,
} from './manifest.js';
import { inspectEmbedded, inspectPostgres, restoreEmbedded, restorePostgres } from './restore-database.js';
import { nonEmptyReason, restoredBackupRow } from './restore-rules.js';
import { rawMailFile, rawMailKeys } from './sources.js';

/** Where a restore writes: this installation's database, DATA_DIR and photo storage. */
export interface RestoreTarget {
  engine: Engine;
  /** DATABASE_URL; unset for the embedded engine in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  storage: PhotoStorage;
  /** Replace a target that holds data. */
  force: boolean;
  /** Where the archive is unpacked while it is checked (the system's temporary folder by default). */
  tempDir?: string;
  /** The migrations this code knows; the archive must be at one of them. */
  knownMigrations?: readonly string[];
}

export interface RestoreResult {
  manifest: Manifest;
  photos: number;
  inboundMessages: number;
  /** Whether something was there before and was replaced (--force). */
  replaced: boolean;
}

/**
 * Brings an archive back. Everything is checked before anything is written: the archive whole
 * (gzip trailer, tar end, every member's size and SHA-256 against the manifest), the manifest's
 * migration known to this code, the engine, and the target empty (or --force). Then photos and
 * raw mail are written, and the database last, in one step that checks its own counts and notes
 * the archive as the newest backup (for /metrics); if that fails, the photos and messages this
 * restore added are removed again.
 */
export async function restoreBackup(archive: string, target: RestoreTarget): Promise<RestoreResult> {
  const staging = await mkdtemp(path.join(target.tempDir ?? os.tmpdir(), 'tilts-restore-'));
  try {
    const staged = await unpackArchive(archive, staging);
    const manifest = await readManifest(staged);
    const problems = memberProblems(manifest, staged);
    if (problems.length > 0)
      throw nothingRestored(text('cli.backup.damaged', { problems: problems.slice(0, 5) }));
    try {
      checkMigration(manifest, target.knownMigrations ?? migrations.map((migration) => migration.name));
      checkEngine(manifest, target.engine);
    } catch (error) {
      throw error instanceof BackupError ? nothingRestored(error.text) : error;
    }

    const inboundDir = rawMailDir(target.dataDir);
    const database =
      target.engine === 'postgres'
        ? await inspectPostgres(requireUrl(target), manifest.schema)
        : await inspectEmbedded(target.dataDir);
    const existingPhotos = new Set<string>();
    for await (const { key } of target.storage.list()) existingPhotos.add(key);
    const existingMail = new Set(await rawMailKeys(inboundDir));
    const reason = nonEmptyReason({
      database: database.nonEmpty,
      photos: existingPhotos.size,
      inboundMessages: existingMail.size,
    });
    if (reason && !target.force) throw nothingRestored(reason);

    const added = { photos: [] as string[], mail: [] as string[] };
    try {
      for (const member of manifest.members) {
        const body = await readFile(staged.get(member.path)!.file);
        if (member.kind === 'photo') {
          await target.storage.put(member.key, body, member.contentType);
          if (!existingPhotos.has(member.key)) added.photos.push(member.key);
        } else if (member.kind === 'inbound') {
          await writeAtomically(rawMailFile(inboundDir, member.key), body);
          if (!existingMail.has(member.key)) added.mail.push(member.key);
        }
      }
      const dump = staged.get(manifest.members.find((member) => member.kind === 'database')!.path)!.file;
      // The archive becomes the restored installation's newest backup, as it truly is.
      const restored = restoredBackupRow(manifest, (await stat(archive)).size);
      if (target.engine === 'postgres')
        await restorePostgres(requireUrl(target), dump, manifest, database.clean, restored);
      else await restoreEmbedded(target.dataDir, dump, manifest, restored);
    } catch (error) {
      for (const key of added.photos) await target.storage.delete(key).catch(() => undefined);
      for (const key of added.mail) await rm(rawMailFile(inboundDir, key), { force: true });
      // A failure of our own says why in the operator's language; another (the photo storage's,
      // the file system's) is given as it came, ending with a full stop.
      const reason =
        error instanceof BackupError
          ? error.text
          : text('cli.backup.asItIs', {
              text: (error instanceof Error ? error.message : String(error)).replace(/\.?\s*$/, '.'),
            });
      throw new BackupError(text('cli.backup.removedAgain', { reason }));
    }
    return {
      manifest,
      photos: manifest.members.filter((member) => member.kind === 'photo').length,
      inboundMessages: manifest.members.filter((member) => member.kind === 'inbound').length,
      replaced: reason !== undefined,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readManifest(staged: ReadonlyMap<string, StagedMember>): Promise<Manifest> {
  const member = staged.get(MANIFEST_PATH);
  if (!member) throw nothingRestored(text('cli.backup.noManifest'));
  if (member.size > 256 * 1024 * 1024) throw nothingRestored(text('cli.backup.manifestTooLarge'));
  try {
    return parseManifest(await readFile(member.file, 'utf8'));
  } catch (error) {
    throw error instanceof BackupError ? nothingRestored(error.text) : error;
  }
}

function requireUrl(target: RestoreTarget): string {
  if (!target.databaseUrl) throw new Error('a PostgreSQL restore needs DATABASE_URL');
  return target.databaseUrl;
}

/** As the raw mail store writes: a temporary name in the same folder, renamed when complete. */
async function writeAtomically(file: string, body: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file).catch(async (error: unknown) => {
    await unlink(temp).catch(() => undefined);
    throw error;
  });
}
