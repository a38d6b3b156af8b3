import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  LocalDiskStorage,
  newPhotoKey,
  thumbnailKey,
  type StoredObject,
} from '../../../src/uploads/storage.js';

async function bytesOf(object: StoredObject | null): Promise<Buffer> {
  assert.ok(object);
  return object.body instanceof Readable ? buffer(object.body) : object.body;
}

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tilts-storage-'));
    storage = new LocalDiskStorage(path.join(root, 'photos'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives back what was put, with its content type', async () => {
    const key = newPhotoKey();
    await storage.put(key, Buffer.from('jpeg bytes'), 'image/jpeg');

    const object = await storage.get(key);
    assert.equal(object?.contentType, 'image/jpeg');
    assert.equal((await bytesOf(object)).toString(), 'jpeg bytes');
  });

  it('replaces an object when the same key is put again and leaves no temp files behind', async () => {
    const key = newPhotoKey();
    await storage.put(key, Buffer.from('first'), 'image/jpeg');
    await storage.put(key, Buffer.from('second'), 'image/png');

    const object = await storage.get(key);
    assert.equal(object?.contentType, 'image/png');
    assert.equal((await bytesOf(object)).toString(), 'second');
    const files = await readdir(path.join(root, 'photos', key.slice(0, 2)));
    assert.deepEqual(files.sort(), [key, `${key}.type`]);
  });

  it('answers null for a key that was never stored or has been deleted', async () => {
    const key = newPhotoKey();
    assert.equal(await storage.get(key), null);
    await storage.put(key, Buffer.from('x'), 'image/jpeg');
    await storage.delete(key);
    assert.equal(await storage.get(key), null);
    await storage.delete(key); // deleting twice is not an error
  });

  it('still streams the old bytes to a reader when the photo is deleted mid-download', async () => {
    const key = newPhotoKey();
    await storage.put(key, Buffer.from('still here'), 'image/jpeg');
    const object = await storage.get(key);
    await storage.delete(key);
    assert.equal((await bytesOf(object)).toString(), 'still here');
  });

  it('refuses keys that could leave its directory or were not made by newPhotoKey', async () => {
    for (const key of [
      '../etc/passwd',
      '..',
      'a/b/cdefghij',
      'abc\\defghij',
      '.hiddenfile',
      'short',
      'photo.jpg',
      '',
    ]) {
      await assert.rejects(storage.put(key, Buffer.from('x'), 'image/jpeg'), TypeError, key);
      await assert.rejects(storage.get(key), TypeError, key);
      await assert.rejects(storage.delete(key), TypeError, key);
    }
  });

  it('stores a thumbnail under a key derived from its photo', async () => {
    const key = newPhotoKey();
    await storage.put(thumbnailKey(key), Buffer.from('thumb'), 'image/jpeg');
    assert.equal((await bytesOf(await storage.get(thumbnailKey(key)))).toString(), 'thumb');
    assert.equal(await storage.get(key), null);
  });
});

describe('newPhotoKey', () => {
  it('makes a fresh url-safe key of 22 characters every time', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newPhotoKey()));
    assert.equal(keys.size, 1000);
    for (const key of keys) assert.match(key, /^[A-Za-z0-9_-]{22}$/);
  });
});
