import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Engine } from '../db/knex.js';
import { BackupError, text, type BackupText } from './errors.js';

/**
 * The archive's own description and the rules that check it: no I/O here. An archive is a gzip
 * tar whose members are the database dump, every photo and every raw inbound message, and last
 * `manifest.json`, which lists each member with its size and SHA-256. A restore believes nothing
 * in the archive that the manifest does not vouch for.
 */

export const MANIFEST_PATH = 'manifest.json';
export const FORMAT = 'tilts-backup';
export const FORMAT_VERSION = 1;

/** What each engine's dump is called inside the archive. */
export const DATABASE_MEMBER: Record<Engine, string> = {
  postgres: 'database/postgres.dump', // pg_dump --format=custom
  pglite: 'database/pglite-datadir.tar', // PGlite's dumpDataDir
};

// The keys the app itself makes (src/uploads/storage.ts, src/inbound/raw-store.ts); anything else
// in a manifest (a slash, `..`) would name a place outside the storage.
const PHOTO_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const RAW_MAIL_KEY = /^[A-Za-z0-9_-]{16,64}$/;
// Table and schema names go into SQL that checks a restore; only plain identifiers are accepted.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const member = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('database'),
    path: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().regex(SHA256),
  }),
  z.object({
    kind: z.literal('photo'),
    path: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().regex(SHA256),
    key: z.string().regex(PHOTO_KEY),
    contentType: z.string().min(1).max(200),
  }),
  z.object({
    kind: z.literal('inbound'),
    path: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().regex(SHA256),
    key: z.string().regex(RAW_MAIL_KEY),
  }),
]);

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  engine: z.enum(['pglite', 'postgres']),
  schema: z.string().regex(IDENTIFIER),
  latestMigration: z.string().regex(/^[A-Za-z0-9_]{1,200}$/),
  tables: z.record(z.string().regex(IDENTIFIER), z.number().int().min(0)),
  members: z.array(member),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type Member = Manifest['members'][number];

/** A member's kind in words, for a problem with where it sits. */
const KIND_WORDS: Record<Member['kind'], BackupText> = {
  database: text('cli.backup.kindDatabase'),
  photo: text('cli.backup.kindPhoto'),
  inbound: text('cli.backup.kindInbound'),
};

/** What reading an archive found for one member. */
export interface SeenMember {
  size: number;
  sha256: string;
}

export function photoMemberPath(key: string): string {
  return `photos/${key}`;
}

export function inboundMemberPath(key: string): string {
  return `inbound/${key}.eml`;
}

export function isPhotoKey(key: string): boolean {
  return PHOTO_KEY.test(key);
}

export function isRawMailKey(key: string): boolean {
  return RAW_MAIL_KEY.test(key);
}

function checksumOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/**
 * The manifest as stored: its fields and a checksum over them, so a changed count or content type
 * is noticed even in an archive re-packed with a valid gzip trailer.
 */
export function serialiseManifest(manifest: Manifest): string {
  return `${JSON.stringify({ ...manifest, checksum: checksumOf(manifest) }, null, 2)}\n`;
}

/** Reads a stored manifest; a damaged, foreign or newer one is refused with the reason. */
export function parseManifest(stored: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    throw new BackupError(text('cli.backup.manifestNotJson'));
  }
  if (typeof raw !== 'object' || raw === null) throw new BackupError(text('cli.backup.noValidManifest'));
  const { checksum, ...body } = raw as Record<string, unknown>;
  if (body.format !== FORMAT) throw new BackupError(text('cli.backup.notTilts'));
  if (body.version !== FORMAT_VERSION)
    throw new BackupError(
      text('cli.backup.otherFormat', { version: String(body.version), supported: FORMAT_VERSION }),
    );
  // The checksum covers the fields in the order they were written, which JSON.parse keeps.
  if (checksum !== checksumOf(body)) throw new BackupError(text('cli.backup.manifestChanged'));
  const parsed = manifestSchema.safeParse(body);
  if (!parsed.success)
    throw new BackupError(
      text('cli.backup.manifestInvalid', { issue: parsed.error.issues[0]?.message ?? '?' }),
    );
  return parsed.data;
}

/** Where each member must sit: derived from its kind and key, never taken from the archive alone. */
function expectedPath(entry: Member, engine: Engine): string {
  if (entry.kind === 'photo') return photoMemberPath(entry.key);
  if (entry.kind === 'inbound') return inboundMemberPath(entry.key);
  return DATABASE_MEMBER[engine];
}

/**
 * Every problem between what the manifest promises and what the archive holds: a missing, extra,
 * resized or changed member, a member in the wrong place, a second database. Empty means whole.
 */
export function memberProblems(manifest: Manifest, seen: ReadonlyMap<string, SeenMember>): BackupText[] {
  const problems: BackupText[] = [];
  const listed = new Set<string>();
  const databases = manifest.members.filter((entry) => entry.kind === 'database').length;
  if (databases !== 1) problems.push(text('cli.backup.databaseDumps', { count: databases }));
  for (const entry of manifest.members) {
    if (entry.path !== expectedPath(entry, manifest.engine))
      problems.push(text('cli.backup.misplaced', { member: entry.path, kind: KIND_WORDS[entry.kind] }));
    if (listed.has(entry.path)) problems.push(text('cli.backup.listedTwice', { member: entry.path }));
    listed.add(entry.path);
    const found = seen.get(entry.path);
    if (!found) problems.push(text('cli.backup.memberMissing', { member: entry.path }));
    else if (found.size !== entry.size)
      problems.push(
        text('cli.backup.memberSize', { member: entry.path, size: found.size, expected: entry.size }),
      );
    else if (found.sha256 !== entry.sha256)
      problems.push(text('cli.backup.memberChanged', { member: entry.path }));
  }
  for (const path of seen.keys())
    if (path !== MANIFEST_PATH && !listed.has(path))
      problems.push(text('cli.backup.memberExtra', { member: path }));
  return problems;
}

/** Refuses an archive made by a newer Tilts (its schema has migrations this code does not know). */
export function checkMigration(manifest: Manifest, known: readonly string[]): void {
  if (known.includes(manifest.latestMigration)) return;
  throw new BackupError(text('cli.backup.unknownMigration', { migration: manifest.latestMigration }));
}

export function checkEngine(manifest: Manifest, target: Engine): void {
  if (manifest.engine === target) return;
  throw new BackupError(
    manifest.engine === 'pglite' ? text('cli.backup.embeddedHere') : text('cli.backup.postgresHere'),
  );
}

/** The rows of one table as the manifest counted them (0 for a table it does not have). */
export function rowsIn(manifest: Pick<Manifest, 'tables'>, table: string): number {
  return manifest.tables[table] ?? 0;
}
