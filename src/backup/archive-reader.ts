import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { nothingRestored, text } from './errors.js';
import type { SeenMember } from './manifest.js';

/** One member as it was unpacked: the staged file it now is, its size and SHA-256. */
export interface StagedMember extends SeenMember {
  file: string;
}

/**
 * Unpacks every member of an archive into `dir` (named by position, never by the path the archive
 * gives) and measures each one. Anything short of a whole archive fails: a gzip stream that ends
 * early or whose checksum is wrong (zlib checks the trailer), a tar that stops mid-member or
 * without its end blocks, a member that is not a plain file or appears twice.
 */
export async function unpackArchive(archive: string, dir: string): Promise<Map<string, StagedMember>> {
  // A mistyped path is not a damaged archive: say which it is before reading a byte.
  const found = await stat(archive).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw nothingRestored(text('cli.backup.noArchive', { file: archive }));
    throw error;
  });
  if (!found.isFile()) throw nothingRestored(text('cli.backup.archiveNotFile', { file: archive }));
  const members = new Map<string, StagedMember>();
  const writes: Promise<void>[] = [];
  const entries: ReadEntry[] = [];
  let unexpected: string | undefined;
  let complete = false;
  // Stops every member's copy at once when the archive fails: a tar entry destroyed mid-member does
  // not always end its pipeline (one restore in ten of a cut archive waited forever).
  const abort = new AbortController();
  const input = createReadStream(archive);
  const gunzip = createGunzip();
  const parser = new Parser({ strict: true });
  parser.on('eof', () => (complete = true));
  parser.on('entry', (entry: ReadEntry) => {
    entries.push(entry);
    if (entry.type !== 'File' || members.has(entry.path)) {
      unexpected ??= JSON.stringify(entry.path.slice(0, 80));
      entry.resume();
      return;
    }
    const file = path.join(dir, String(members.size));
    const staged: StagedMember = { file, size: 0, sha256: '' };
    members.set(entry.path, staged);
    const hash = createHash('sha256');
    writes.push(
      pipeline(
        entry,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            staged.size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(file, { flags: 'wx', mode: 0o600 }),
        { signal: abort.signal },
      ).then(() => {
        staged.sha256 = hash.digest('hex');
      }),
    );
  });
  const read = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
    gunzip.on('error', reject);
    input.on('error', reject);
  });
  input.pipe(gunzip).pipe(parser as unknown as NodeJS.WritableStream);
  try {
    await read;
    await Promise.all(writes);
  } catch (error) {
    input.destroy();
    gunzip.destroy();
    abort.abort();
    for (const entry of entries) entry.destroy();
    await Promise.allSettled(writes);
    throw nothingRestored(text('cli.backup.damagedOrIncomplete', { error: describe(error) }));
  }
  if (unexpected) throw nothingRestored(text('cli.backup.notTiltsArchive', { member: unexpected }));
  if (!complete) throw nothingRestored(text('cli.backup.incomplete'));
  return members;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^TAR_[A-Z_]+: /, '').slice(0, 200);
}
