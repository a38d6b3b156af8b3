import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** What was written: where, how much, its hash, and its header section for a first look. */
export interface StoredRaw {
  key: string;
  size: number;
  sha256: string;
  /** The header section (up to the first blank line, at most 64 KB), read as latin1. */
  head: string;
}

/** The message was longer than the doors take; nothing of it was kept. */
export class MessageTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`message larger than ${limit} bytes`);
    this.name = 'MessageTooLargeError';
  }
}

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

async function* chunks(source: AsyncIterable<Buffer | string>, prefix?: Buffer): AsyncIterable<Buffer> {
  if (prefix) yield prefix;
  for await (const piece of source) yield typeof piece === 'string' ? Buffer.from(piece) : piece;
}
const MAX_HEAD = 64 * 1024;

/** Where raw inbound messages are kept in DATA_DIR (the store writes there, a backup copies it). */
export function rawMailDir(dataDir: string): string {
  return path.join(dataDir, 'inbound');
}

/**
 * Raw inbound messages as files under one folder (DATA_DIR/inbound), written as they stream in:
 * a 25 MB message costs a few kilobytes of memory while it arrives, and is kept whatever later
 * reading it makes of it. Files are written under a temporary name and renamed when complete,
 * so a reader never sees half a message.
 */
export class RawMailStore {
  constructor(
    private readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /**
   * Writes the stream (after `prefix`, e.g. a Return-Path line) to a new file. A stream longer
   * than `maxBytes` is read to its end (an SMTP client waits for the answer) and then refused.
   */
  async write(source: AsyncIterable<Buffer | string>, prefix?: Buffer): Promise<StoredRaw> {
    const key = randomBytes(18).toString('base64url');
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx');
    const hash = createHash('sha256');
    let size = 0;
    let head = '';
    let headDone = false;
    let tooLarge = false;
    try {
      for await (const chunk of chunks(source, prefix)) {
        size += chunk.length;
        if (size > this.maxBytes) tooLarge = true;
        if (tooLarge) continue;
        hash.update(chunk);
        await handle.write(chunk);
        if (!headDone) {
          head += chunk.toString('latin1');
          const end = head.search(/\r?\n\r?\n/);
          if (end >= 0 || head.length >= MAX_HEAD) {
            headDone = true;
            head = head.slice(0, end >= 0 ? end : MAX_HEAD);
          }
        }
      }
      if (tooLarge) throw new MessageTooLargeError(this.maxBytes);
      await handle.sync();
      await handle.close();
      await rename(temp, file);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
    return { key, size, sha256: hash.digest('hex'), head };
  }

  /** A second copy of a stored message, under a key of its own (deleted, or purged, on its own). */
  async copy(raw: StoredRaw): Promise<StoredRaw> {
    const key = randomBytes(18).toString('base64url');
    const file = this.pathOf(key);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await copyFile(this.pathOf(raw.key), temp);
      const handle = await open(temp, 'r+');
      await handle.sync().finally(() => handle.close());
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { ...raw, key };
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new TypeError('invalid raw message key');
    return path.join(this.dir, key.slice(0, 2), `${key}.eml`);
  }
}
