import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Header, Pax } from 'tar';
import { BackupError, text } from './errors.js';
import type { SeenMember } from './manifest.js';

const BLOCK = 512;

/**
 * Writes a gzip tar one member at a time, each streamed from its source with its SHA-256 worked
 * out on the way, so a photo bucket of any size passes through with one photo in memory. Members
 * are plain files (tar's own Header and Pax encode them, as GNU tar and bsdtar read them).
 */
export class ArchiveWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly done: Promise<void>;
  private failure: Error | undefined;

  private constructor(
    private readonly file: string,
    private readonly mtime: Date,
  ) {
    // The archive holds residents' personal data: only its owner may read it.
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.done = pipeline(this.gzip, out).catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    });
    this.done.catch(() => undefined);
  }

  static create(file: string, mtime: Date): ArchiveWriter {
    return new ArchiveWriter(file, mtime);
  }

  /** Adds a member of exactly `size` bytes; a source that gives more or fewer is an error. */
  async add(path: string, source: Buffer | Readable, size: number): Promise<SeenMember> {
    const header = new Header({ path, size, mode: 0o600, uid: 0, gid: 0, mtime: this.mtime, type: 'File' });
    const block = Buffer.alloc(BLOCK);
    header.encode(block, 0);
    // A name longer than ustar's 100 characters travels in a pax header before the member.
    if (header.needPax) await this.write(new Pax({ path, mtime: this.mtime }).encode());
    await this.write(block);
    const hash = createHash('sha256');
    let written = 0;
    const chunks: Iterable<Buffer> | AsyncIterable<Buffer> = Buffer.isBuffer(source) ? [source] : source;
    for await (const chunk of chunks) {
      written += chunk.length;
      if (written > size) throw new BackupError(text('cli.backup.grew', { file: path }));
      hash.update(chunk);
      await this.write(chunk);
    }
    if (written !== size) throw new BackupError(text('cli.backup.shrank', { file: path }));
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0) await this.write(Buffer.alloc(padding));
    return { size, sha256: hash.digest('hex') };
  }

  /** Ends the archive (two empty blocks), flushes it and makes sure it is on the disk. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK));
    this.gzip.end();
    await this.done;
    const handle = await open(this.file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Stops writing after a failure; the caller removes the file. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gzip.write(chunk)) await Promise.race([once(this.gzip, 'drain'), this.done]);
  }
}
