import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { PhotoStorage } from '../uploads/storage.js';
import { isRawMailKey } from './manifest.js';

/** One stored photo (or thumbnail) as the archive takes it. */
export interface PhotoObject {
  key: string;
  body: Buffer;
  contentType: string;
}

/**
 * Every object of the photo storage, whole, one at a time. A photo deleted between the listing
 * and the read is skipped: the database snapshot was taken first, so what it refers to was
 * stored before it (photos are written before the rows that attach them to a report).
 */
export async function* storedPhotos(storage: PhotoStorage): AsyncIterable<PhotoObject> {
  for await (const { key } of storage.list()) {
    const object = await storage.get(key);
    if (!object) continue;
    const body = object.body instanceof Readable ? await buffer(object.body) : object.body;
    yield { key, body, contentType: object.contentType };
  }
}

// The layout of src/inbound/raw-store.ts: DATA_DIR/inbound/<first two characters>/<key>.eml.
export function rawMailFile(dir: string, key: string): string {
  return path.join(dir, key.slice(0, 2), `${key}.eml`);
}

/** The keys of the raw inbound messages kept in `dir` (half-written `.tmp` files are not messages). */
export async function rawMailKeys(dir: string): Promise<string[]> {
  const keys: string[] = [];
  for (const sub of await entries(dir)) {
    for (const name of await entries(path.join(dir, sub))) {
      if (!name.endsWith('.eml')) continue;
      const key = name.slice(0, -'.eml'.length);
      if (isRawMailKey(key) && key.slice(0, 2) === sub) keys.push(key);
    }
  }
  return keys.sort();
}

/** A raw message's bytes, or undefined when retention removed it since it was listed. */
export async function readRawMail(dir: string, key: string): Promise<Buffer | undefined> {
  try {
    return await readFile(rawMailFile(dir, key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
