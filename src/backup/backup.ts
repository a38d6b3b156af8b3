import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { Database } from '../db/knex.js';
import { rawMailDir } from '../inbound/raw-store.js';
import { thumbnailKey, type PhotoStorage } from '../uploads/storage.js';
import { ArchiveWriter } from './archive-writer.js';
import { BackupError, text } from './errors.js';
import {
  DATABASE_MEMBER,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_PATH,
  inboundMemberPath,
  photoMemberPath,
  serialiseManifest,
  type Manifest,
  type Member,
} from './manifest.js';
import { rawMailKeys, readRawMail, storedPhotos } from './sources.js';
import { takeSnapshot, type Snapshot } from './snapshot.js';

/** What a backup reads: the open database, the photo storage and the folder of raw inbound mail. */
export interface BackupSource {
  database: Database;
  /** DATABASE_URL, for pg_dump; unset for the embedded engine. */
  databaseUrl: string | undefined;
  storage: PhotoStorage;
  /** DATA_DIR: its raw inbound mail is copied (the embedded database is dumped through `database`). */
  dataDir: string;
  clock?: () => Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
  /** Photos the database refers to that were gone from storage when they were copied. */
  missingPhotos: number;
  /**
   * Raw inbound messages the database refers to that were not in this DATA_DIR (another app
   * process received them into its own): a held reply's words would not come back.
   */
  missingMail: number;
}

/**
 * Writes one archive of everything Tilts needs to come back: the database (a consistent snapshot,
 * taken first), then every photo and raw inbound message, then the manifest. Configuration and
 * its secrets are never read, so they cannot end up in it. The archive appears under its name
 * only when complete; a failed backup leaves nothing behind.
 */
export async function createBackup(source: BackupSource, file: string): Promise<BackupResult> {
  const target = path.resolve(file);
  if (await exists(target)) throw new BackupError(text('cli.backup.exists', { file: target }));
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const work = await mkdtemp(path.join(path.dirname(target), '.tilts-backup-'));
  const partial = path.join(work, 'archive.tar.gz');
  const createdAt = (source.clock ?? (() => new Date()))();
  let writer: ArchiveWriter | undefined;
  try {
    const snapshot = await takeSnapshot(
      source.database,
      source.databaseUrl,
      path.join(work, 'database.dump'),
    );
    writer = ArchiveWriter.create(partial, createdAt);
    const members: Member[] = [await addDatabase(writer, snapshot, path.join(work, 'database.dump'))];
    const stored = new Set<string>();
    for await (const photo of storedPhotos(source.storage)) {
      const seen = await writer.add(photoMemberPath(photo.key), photo.body, photo.body.length);
      members.push({
        kind: 'photo',
        path: photoMemberPath(photo.key),
        key: photo.key,
        contentType: photo.contentType,
        ...seen,
      });
      stored.add(photo.key);
    }
    const inboundDir = rawMailDir(source.dataDir);
    const copiedMail = new Set<string>();
    for (const key of await rawMailKeys(inboundDir)) {
      const body = await readRawMail(inboundDir, key);
      if (!body) continue;
      copiedMail.add(key);
      members.push({
        kind: 'inbound',
        path: inboundMemberPath(key),
        key,
        ...(await writer.add(inboundMemberPath(key), body, body.length)),
      });
    }
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      engine: snapshot.engine,
      schema: snapshot.schema,
      latestMigration: snapshot.latestMigration,
      tables: snapshot.tables,
      members,
    };
    const manifestFile = Buffer.from(serialiseManifest(manifest), 'utf8');
    await writer.add(MANIFEST_PATH, manifestFile, manifestFile.length);
    await writer.finish();
    if (await exists(target)) throw new BackupError(text('cli.backup.appeared', { file: target }));
    await rename(partial, target);
    const bytes = (await stat(target)).size;
    await recordFinished(source.database, (source.clock ?? (() => new Date()))(), bytes);
    const missingPhotos = snapshot.photoKeys.filter(
      (key) => !stored.has(key) || !stored.has(thumbnailKey(key)),
    ).length;
    const missingMail = snapshot.rawMailKeys.filter((key) => !copiedMail.has(key)).length;
    return { file: target, bytes, manifest, missingPhotos, missingMail };
  } catch (error) {
    await writer?.abort();
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Notes the finished backup in the database, for /metrics (`tilts_backup_last_success_timestamp_seconds`):
 * not where a database not yet migrated to have the table is backed up by a newer release.
 */
async function recordFinished(database: Database, finishedAt: Date, bytes: number): Promise<void> {
  if (await database.knex.schema.hasTable('backups'))
    await database.knex('backups').insert({ finished_at: finishedAt, bytes });
}

async function addDatabase(writer: ArchiveWriter, snapshot: Snapshot, dumpFile: string): Promise<Member> {
  const memberPath = DATABASE_MEMBER[snapshot.engine];
  if (snapshot.blob) {
    const body = Readable.fromWeb(snapshot.blob.stream() as ReadableStream<Uint8Array>);
    return {
      kind: 'database',
      path: memberPath,
      ...(await writer.add(memberPath, toBuffers(body), snapshot.blob.size)),
    };
  }
  const { size } = await stat(dumpFile);
  return {
    kind: 'database',
    path: memberPath,
    ...(await writer.add(memberPath, createReadStream(dumpFile), size)),
  };
}

/** Web streams give Uint8Arrays; the writer hashes and writes Buffers. */
function toBuffers(stream: Readable): Readable {
  return stream.map((chunk: Uint8Array) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
