import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { ArchiveWriter } from '../../src/backup/archive-writer.js';
import { createBackup, type BackupResult } from '../../src/backup/backup.js';
import { restoreBackup, type RestoreResult, type RestoreTarget } from '../../src/backup/restore.js';
import { unpackArchive } from '../../src/backup/archive-reader.js';
import { createDatabase, type Database } from '../../src/db/knex.js';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { LocalDiskStorage, type PhotoStorage } from '../../src/uploads/storage.js';
import type { TestContext } from '../support/app.js';
import { testDatabase } from '../support/database.js';

/** The PostgreSQL URL of the run, or undefined on the embedded engine. */
export const sourceUrl = (): string | undefined => process.env.TEST_DATABASE_URL;

/**
 * A fresh, empty place to restore into, on the engine of the run: its own DATA_DIR and, on
 * PostgreSQL, its own database beside the test database (made here, dropped by `drop`).
 */
export interface RestorePlace {
  dataDir: string;
  databaseUrl: string | undefined;
  open(): Database;
  drop(): Promise<void>;
}

/** A backup of a test app's installation (its database, photo storage and raw mail) into `file`. */
export function backUpApp(context: TestContext, database: Database, file: string): Promise<BackupResult> {
  return createBackup(
    {
      database,
      databaseUrl: sourceUrl(),
      storage: createPhotoStorage(context.config),
      dataDir: context.config.dataDir,
    },
    file,
  );
}

/** Where a restore into `place` writes: its database and DATA_DIR, photos on its disk unless told. */
export function placeTarget(
  place: RestorePlace,
  engine: Database['engine'],
  extra: Partial<RestoreTarget> = {},
): RestoreTarget {
  return {
    engine,
    databaseUrl: place.databaseUrl,
    dataDir: place.dataDir,
    storage: placeStorage(place),
    force: false,
    ...extra,
  };
}

/** The photo storage of a restore place: its own DATA_DIR/uploads. */
export const placeStorage = (place: RestorePlace): PhotoStorage =>
  new LocalDiskStorage(path.join(place.dataDir, 'uploads'));

/** Restores `archive` into `place`. */
export function restoreInto(
  archive: string,
  place: RestorePlace,
  engine: Database['engine'],
  extra: Partial<RestoreTarget> = {},
): Promise<RestoreResult> {
  return restoreBackup(archive, placeTarget(place, engine, extra));
}

let places = 0;

export async function restorePlace(): Promise<RestorePlace> {
  places += 1;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-restore-target-'));
  const base = sourceUrl();
  let databaseUrl: string | undefined;
  // On PostgreSQL the test database's connection creates and drops the restore targets.
  const admin = base ? await testDatabase() : undefined;
  let name = '';
  if (base && admin) {
    const url = new URL(base);
    name = `${url.pathname.slice(1)}_r${process.pid}_${places}`;
    await admin.knex.raw(`drop database if exists "${name}" with (force)`);
    await admin.knex.raw(`create database "${name}"`);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const opened: Database[] = [];
  return {
    dataDir,
    databaseUrl,
    open() {
      const database = createDatabase({ databaseUrl, dataDir, poolMax: 3 });
      opened.push(database);
      return database;
    },
    async drop() {
      for (const database of opened) await database.close().catch(() => undefined);
      if (name) await admin?.knex.raw(`drop database if exists "${name}" with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, each table's rows in a fixed order: two databases compare whole. */
export async function everyRow(knex: Knex): Promise<Record<string, unknown[]>> {
  const { rows } = await knex.raw<{ rows: { name: string }[] }>(
    'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
  );
  const tables: Record<string, unknown[]> = {};
  for (const { name } of rows) {
    const all = (await knex(name).select('*')) as Record<string, unknown>[];
    tables[name] = all
      .map((row) => [JSON.stringify(row), row] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }
  return tables;
}

/** The storage's objects, key → bytes. */
export async function storedObjects(storage: PhotoStorage): Promise<Map<string, Buffer>> {
  const objects = new Map<string, Buffer>();
  for await (const { key } of storage.list()) {
    const object = await storage.get(key);
    if (!object) continue;
    objects.set(key, object.body instanceof Readable ? await buffer(object.body) : object.body);
  }
  return objects;
}

/** Is the file, or what it holds once ungzipped, anywhere spelling `needle`? */
export function archiveMentions(file: string, needle: string): boolean {
  const raw = fs.readFileSync(file);
  return raw.includes(needle) || gunzipSync(raw).includes(needle);
}

/** A copy of an archive whose inner tar is cut to `keep` bytes and gzipped again (a valid gzip). */
export function cutTar(file: string, out: string, keep: (tarLength: number) => number): void {
  const tar = gunzipSync(fs.readFileSync(file));
  fs.writeFileSync(out, gzipSync(tar.subarray(0, keep(tar.length))));
}

/** A copy of an archive with one byte of the inner tar changed where `find` points, gzipped again. */
export function flipTarByte(file: string, out: string, find: (tar: Buffer) => number): void {
  const tar = gunzipSync(fs.readFileSync(file));
  const at = find(tar);
  tar[at] = tar[at]! ^ 0xff;
  fs.writeFileSync(out, gzipSync(tar));
}

/**
 * A copy of an archive with its members rewritten by `edit` (path → bytes), packed again by the
 * same writer the backup uses: a deliberate change that gzip and tar cannot notice.
 */
export async function repack(
  file: string,
  out: string,
  edit: (members: Map<string, Buffer>) => void,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-repack-'));
  try {
    const staged = await unpackArchive(file, dir);
    const members = new Map([...staged].map(([name, member]) => [name, fs.readFileSync(member.file)]));
    edit(members);
    const writer = ArchiveWriter.create(out, new Date());
    for (const [name, body] of members) await writer.add(name, body, body.length);
    await writer.finish();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file under `dir`, relative to it (empty folders do not count). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((entry) =>
    fs.statSync(path.join(dir, entry)).isFile(),
  );
}

/** What a place holds now; a refused or undone restore must leave it holding nothing. */
export async function placeHolds(place: RestorePlace, storage: PhotoStorage): Promise<string[]> {
  const found = filesUnder(place.dataDir).map((file) => `DATA_DIR/${file}`);
  for await (const { key } of storage.list()) found.push(`storage: ${key}`);
  if (place.databaseUrl) {
    const database = place.open();
    const { rows } = await database.knex.raw<{ rows: { n: number }[] }>(
      "select count(*)::int as n from pg_tables where schemaname = 'public'",
    );
    if (rows[0]!.n > 0) found.push(`the database has ${rows[0]!.n} tables`);
  }
  return found;
}
