import type { Knex } from 'knex';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { createServices, type Services } from '../../src/services.js';
import type { PhotoStorage, StoredEntry, StoredObject } from '../../src/uploads/storage.js';
import { makeOutbox, type TestContext } from '../support/app.js';

/** Services and app on a test context's database and configuration, with another photo storage. */
export async function withStorage(context: TestContext, photoStorage: PhotoStorage) {
  const services: Services = await createServices({
    config: context.config,
    knex: context.services.knex,
    logger: pino({ level: 'silent' }),
    mail: await makeOutbox(context.config),
    photoStorage,
  });
  return { services, app: createApp(services) };
}

/** An error as the file system throws it when the disk is full. */
export function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
}

/**
 * A storage that fails on purpose: `failPut` decides for each `put` (by its running number from 1)
 * whether it throws, and what.
 */
export class FailingStorage implements PhotoStorage {
  puts = 0;
  constructor(
    private readonly inner: PhotoStorage,
    private readonly failPut: (n: number, key: string) => Error | undefined,
  ) {}

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    this.puts += 1;
    const error = this.failPut(this.puts, key);
    if (error) throw error;
    await this.inner.put(key, body, contentType);
  }

  get(key: string): Promise<StoredObject | null> {
    return this.inner.get(key);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  list(): AsyncIterable<StoredEntry> {
    return this.inner.list();
  }

  removeTemporary(before: Date): Promise<number> {
    return this.inner.removeTemporary(before);
  }
}

/** Whether a key is stored; the body stream is closed at once, so no file handle is left open. */
export async function isStored(storage: PhotoStorage, key: string): Promise<boolean> {
  const stored = await storage.get(key);
  if (stored && !Buffer.isBuffer(stored.body)) stored.body.destroy();
  return stored !== null;
}

export async function storedKeys(storage: PhotoStorage): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const entry of storage.list()) keys.add(entry.key);
  return keys;
}

const owner = (key: string) => (key.endsWith('-thumb') ? key.slice(0, -'-thumb'.length) : key);

/**
 * How files and rows disagree: stored files no row owns, and photos of confirmed reports whose
 * photo or thumbnail is not stored.
 */
export async function drift(
  knex: Knex,
  storage: PhotoStorage,
): Promise<{ orphanFiles: string[]; missingFiles: string[] }> {
  const stored = await storedKeys(storage);
  const pending = (await knex('pending_uploads').pluck('storage_key')) as string[];
  const photos = (await knex('report_photos as p')
    .join('reports as r', 'r.id', 'p.report_id')
    .select('p.storage_key', 'r.status')) as { storage_key: string; status: string }[];
  const owned = new Set([...pending, ...photos.map((photo) => photo.storage_key)]);
  return {
    orphanFiles: [...stored].filter((key) => !owned.has(owner(key))),
    missingFiles: photos
      .filter((photo) => photo.status !== 'unconfirmed')
      .flatMap((photo) => [photo.storage_key, `${photo.storage_key}-thumb`])
      .filter((key) => !stored.has(key)),
  };
}
