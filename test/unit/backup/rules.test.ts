import assert from 'node:assert/strict';
import {
  BackupError,
  nothingRestored,
  renderText,
  text,
  type BackupText,
} from '../../../src/backup/errors.js';
import { createI18n } from '../../../src/i18n/index.js';
import { englishTranslator } from '../../../src/i18n/cli.js';
import {
  checkEngine,
  checkMigration,
  memberProblems,
  parseManifest,
  serialiseManifest,
  type Manifest,
  type SeenMember,
} from '../../../src/backup/manifest.js';
import {
  countProblems,
  folderInUseReason,
  nonEmptyReason,
  restoredBackupRow,
  restoredBackupSql,
  verificationSql,
} from '../../../src/backup/restore-rules.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const KEY = 'Vq3X8m0c2Jr9ZkQ1wYtA5g';
const RAW = 'rAw_MessAge-Key-0123456789';

function manifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    format: 'tilts-backup',
    version: 1,
    createdAt: '2026-12-01T03:00:00.000Z',
    engine: 'postgres',
    schema: 'public',
    latestMigration: '20261217010000_index_statistics',
    tables: { reports: 3, knex_migrations: 30 },
    members: [
      { kind: 'database', path: 'database/postgres.dump', size: 10, sha256: SHA_A },
      { kind: 'photo', path: `photos/${KEY}`, key: KEY, contentType: 'image/jpeg', size: 5, sha256: SHA_B },
      { kind: 'inbound', path: `inbound/${RAW}.eml`, key: RAW, size: 7, sha256: SHA_A },
    ],
    ...overrides,
  };
}

const seenAll = (m: Manifest): Map<string, SeenMember> =>
  new Map([
    ...m.members.map((entry) => [entry.path, { size: entry.size, sha256: entry.sha256 }] as const),
    ['manifest.json', { size: 1, sha256: SHA_A }],
  ]);

/** A rule's sentences as the English catalog says them. */
const english = (texts: readonly BackupText[]) =>
  texts.map((sentence) => renderText(englishTranslator(), sentence));
const englishOf = (sentence: BackupText | undefined) => sentence && renderText(englishTranslator(), sentence);

const refuses = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (error: unknown) => error instanceof BackupError && message.test(error.message));

describe('backup manifest rules', () => {
  it('reads back what it wrote', () => {
    assert.deepEqual(parseManifest(serialiseManifest(manifest())), manifest());
  });

  it('notices a changed count, a foreign file and a newer format', () => {
    const text = serialiseManifest(manifest()).replace('"reports": 3', '"reports": 4');
    refuses(() => parseManifest(text), /manifest was changed/);
    refuses(() => parseManifest('{"hello": 1}'), /not a Tilts backup/);
    refuses(() => parseManifest('not json'), /not readable JSON/);
    const newer = serialiseManifest(manifest()).replace('"version": 1', '"version": 2');
    refuses(() => parseManifest(newer), /format 2; this version of Tilts reads format 1/);
  });

  it('refuses names that would reach outside the storage or into SQL, even with a valid checksum', () => {
    const photo = {
      kind: 'photo' as const,
      path: 'photos/../../x',
      key: '../../etc/passwd',
      contentType: 'image/jpeg',
      size: 1,
      sha256: SHA_A,
    };
    refuses(() => parseManifest(serialiseManifest(manifest({ members: [photo] }))), /not valid/);
    refuses(
      () => parseManifest(serialiseManifest(manifest({ tables: { 'reports"; drop table x; --': 1 } }))),
      /not valid/,
    );
  });

  it('finds every way the members can differ from the manifest', () => {
    const m = manifest();
    assert.deepEqual(english(memberProblems(m, seenAll(m))), []);
    const seen = seenAll(m);
    seen.delete(`photos/${KEY}`);
    seen.set('database/postgres.dump', { size: 10, sha256: SHA_B });
    seen.set(`inbound/${RAW}.eml`, { size: 8, sha256: SHA_A });
    seen.set('photos/extra', { size: 1, sha256: SHA_A });
    assert.deepEqual(english(memberProblems(m, seen)), [
      'database/postgres.dump: its content was changed (checksum differs)',
      `photos/${KEY}: missing from the archive`,
      `inbound/${RAW}.eml: 8 bytes, the manifest says 7`,
      'photos/extra: in the archive but not in the manifest',
    ]);
    const misplaced = manifest({ engine: 'pglite' });
    assert.match(
      english(memberProblems(misplaced, seenAll(misplaced))).join('\n'),
      /database\/postgres.dump: not where a database belongs/,
    );
    const twoDumps = manifest({
      members: [
        ...manifest().members,
        { kind: 'database', path: 'database/postgres.dump', size: 10, sha256: SHA_A },
      ],
    });
    const twice = english(memberProblems(twoDumps, seenAll(twoDumps)));
    assert.ok(twice.includes('the manifest lists 2 database dumps instead of one'), twice.join('\n'));
    assert.ok(twice.includes('database/postgres.dump: listed twice'), twice.join('\n'));
  });

  it('accepts only migrations this code knows, and only its own engine', () => {
    checkMigration(manifest(), ['20261217010000_index_statistics', 'later']);
    refuses(() => checkMigration(manifest(), ['older']), /does not know/);
    checkEngine(manifest(), 'postgres');
    refuses(
      () => checkEngine(manifest(), 'pglite'),
      /holds PostgreSQL.*uses the embedded database.*DATABASE_URL set/,
    );
  });
});

describe('restore rules', () => {
  it('says a refusal in the operator’s language, its problems too, and in English as its message', async () => {
    const m = manifest();
    const seen = seenAll(m);
    seen.delete(`photos/${KEY}`);
    seen.set('database/postgres.dump', { size: 10, sha256: SHA_B });
    const refusal = nothingRestored(text('cli.backup.damaged', { problems: memberProblems(m, seen) }));
    assert.equal(
      refusal.message,
      `The archive is damaged: database/postgres.dump: its content was changed (checksum differs); ` +
        `photos/${KEY}: missing from the archive. Nothing was restored.`,
    );
    const i18n = await createI18n();
    assert.equal(
      renderText(i18n.getFixedT('lv'), refusal.text),
      `Arhīvs ir bojāts: database/postgres.dump: saturs ir mainīts (kontrolsumma atšķiras); ` +
        `photos/${KEY}: arhīvā trūkst. Nekas netika atjaunots.`,
    );
    assert.equal(
      renderText(i18n.getFixedT('ru'), refusal.text),
      `Архив повреждён: database/postgres.dump: содержимое изменено (контрольная сумма не совпадает); ` +
        `photos/${KEY}: отсутствует в архиве. Ничего не восстановлено.`,
    );
  });

  it('calls a target empty only when the database, the photos and the raw mail all are', () => {
    assert.equal(nonEmptyReason({ database: null, photos: 0, inboundMessages: 0 }), undefined);
    assert.match(
      englishOf(nonEmptyReason({ database: 'reports', photos: 0, inboundMessages: 0 }))!,
      /database holds data \(reports\).*--force/,
    );
    assert.match(
      englishOf(nonEmptyReason({ database: null, photos: 2, inboundMessages: 0 }))!,
      /photo storage holds 2 objects/,
    );
    assert.match(
      englishOf(nonEmptyReason({ database: null, photos: 0, inboundMessages: 1 }))!,
      /inbound holds 1 message\./,
    );
  });

  it('refuses an embedded database a process holds, or one marked open that it cannot rule out', () => {
    const folder = '/srv/tilts/data/pglite';
    assert.match(
      englishOf(folderInUseReason(folder, { pidFile: true, holders: [4242], everyProcessSeen: true }))!,
      /open in process 4242/,
    );
    assert.match(
      englishOf(folderInUseReason(folder, { pidFile: true, holders: [], everyProcessSeen: false }))!,
      /marked as open.*did not stop cleanly/,
    );
    // Left behind by a crash, and nobody has it open: safe.
    assert.equal(
      folderInUseReason(folder, { pidFile: true, holders: [], everyProcessSeen: true }),
      undefined,
    );
    assert.equal(
      folderInUseReason(folder, { pidFile: false, holders: [], everyProcessSeen: false }),
      undefined,
    );
  });

  it('compares counts table by table', () => {
    assert.deepEqual(english(countProblems({ a: 1, b: 2 }, { a: 1, b: 2 })), []);
    assert.deepEqual(english(countProblems({ a: 1, b: 2 }, { a: 2, c: 0 })), [
      'table a has 2 rows, the archive says 1',
      'table b is missing',
      'table c is not in the archive',
    ]);
  });

  it('writes SQL that checks every table, the number of tables and the migration', () => {
    const sql = verificationSql({
      schema: 'public',
      tables: { reports: 3, outbox: 0 },
      latestMigration: "x'y",
    });
    assert.match(sql, /FROM "public"\."reports";\n\s+IF n <> 3 THEN RAISE EXCEPTION/);
    assert.match(sql, /FROM "public"\."outbox";\n\s+IF n <> 0/);
    assert.match(sql, /schemaname = 'public';\n\s+IF n <> 2 /);
    assert.match(sql, /IS DISTINCT FROM 'x''y'/);
  });

  it('notes the restored archive as the newest backup, where the archive has the backups table', () => {
    const createdAt = '2027-03-01T03:15:00.000Z';
    const row = restoredBackupRow({ createdAt, tables: { reports: 3, backups: 4 } }, 1234);
    assert.deepEqual(row, { finishedAt: new Date(createdAt), bytes: 1234 });
    assert.equal(
      restoredBackupSql('public', row),
      `INSERT INTO "public"."backups" (finished_at, bytes) VALUES ('${createdAt}', 1234);\n`,
    );
    // An archive of a Tilts from before the table: nowhere to note it, nothing to run.
    const older = restoredBackupRow({ createdAt, tables: { reports: 3 } }, 1234);
    assert.equal(older, undefined);
    assert.equal(restoredBackupSql('public', older), '');
  });
});
