import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { unpackArchive } from '../../../src/backup/archive-reader.js';
import { ArchiveWriter } from '../../../src/backup/archive-writer.js';
import { BackupError } from '../../../src/backup/errors.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('backup archive files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-archive-unit-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes members GNU tar lists, long names included, and reads them back measured', async () => {
    const longName = `photos/${'k'.repeat(128)}`;
    const members = new Map([
      ['database/postgres.dump', Buffer.alloc(1000, 3)],
      [longName, Buffer.from('a photo')],
      ['manifest.json', Buffer.from('{}')],
    ]);
    const file = path.join(dir, 'a.tar.gz');
    const writer = ArchiveWriter.create(file, new Date('2026-12-01T03:00:00Z'));
    for (const [name, body] of members) {
      const seen = await writer.add(
        name,
        Readable.from([body.subarray(0, 10), body.subarray(10)]),
        body.length,
      );
      assert.deepEqual(seen, { size: body.length, sha256: sha(body) });
    }
    await writer.finish();
    assert.deepEqual(execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n'), [
      ...members.keys(),
    ]);
    const staged = await unpackArchive(file, fs.mkdtempSync(path.join(dir, 'out-')));
    for (const [name, body] of members) {
      const member = staged.get(name)!;
      assert.deepEqual([member.size, member.sha256], [body.length, sha(body)]);
      assert.deepEqual(fs.readFileSync(member.file), body);
    }
  });

  it('refuses an archive cut anywhere, every time: no member left waiting for the rest', async function () {
    this.timeout(60_000);
    // Members of several sizes, random bytes so gzip cannot shrink them: a cut lands mid-member.
    const source = path.join(dir, 'source');
    fs.mkdirSync(source);
    for (let i = 1; i <= 5; i++) fs.writeFileSync(path.join(source, `m${i}`), randomBytes(100_000 * i));
    const whole = path.join(dir, 'whole.tar.gz');
    execFileSync('tar', ['-czf', whole, '-C', source, '.']);
    const bytes = fs.readFileSync(whole);
    // Eighty cuts across the archive; before the fix about one in ten never settled.
    for (let cut = 1; cut <= 80; cut++) {
      const at = Math.floor((bytes.length * cut) / 81);
      const file = path.join(dir, `cut-${cut}.tar.gz`);
      fs.writeFileSync(file, bytes.subarray(0, at));
      const out = fs.mkdtempSync(path.join(dir, 'out-'));
      await assert.rejects(unpackArchive(file, out), /incomplete/, `cut at ${at}`);
    }
  });

  it('refuses a source that is shorter or longer than it said', async () => {
    const writer = ArchiveWriter.create(path.join(dir, 'b.tar.gz'), new Date());
    await assert.rejects(writer.add('x', Buffer.from('abc'), 4), BackupError);
    await writer.abort();
    const other = ArchiveWriter.create(path.join(dir, 'c.tar.gz'), new Date());
    await assert.rejects(other.add('x', Buffer.from('abcde'), 4), BackupError);
    await other.abort();
  });

  it('never overwrites a file that is already there', async () => {
    fs.writeFileSync(path.join(dir, 'd.tar.gz'), 'keep me');
    const writer = ArchiveWriter.create(path.join(dir, 'd.tar.gz'), new Date());
    await assert.rejects(writer.finish(), /EEXIST/);
    assert.equal(fs.readFileSync(path.join(dir, 'd.tar.gz'), 'utf8'), 'keep me');
  });
});
