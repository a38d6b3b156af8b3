import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { isPhotoError } from '../../../src/uploads/errors.js';
import { processPhoto } from '../../../src/uploads/photo-processor.js';

describe('processPhoto from a file on disk (a streamed upload)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-photo-file-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('gives the same photo and thumbnail as from the bytes in memory', async () => {
    const bytes = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#446688' } })
      .png()
      .toBuffer();
    const fromFile = await processPhoto(write('a.upload', bytes));
    const fromMemory = await processPhoto(bytes);
    assert.equal(fromFile.width, 900);
    assert.deepEqual(fromFile.image, fromMemory.image);
    assert.deepEqual(fromFile.thumbnail, fromMemory.thumbnail);
  });

  it('refuses by the file’s own bytes and size, whatever it is called', async () => {
    await assert.rejects(
      processPhoto(write('b.jpg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))),
      (error) => isPhotoError(error, 'not_image'),
    );
    await assert.rejects(processPhoto(write('c.jpg', Buffer.alloc(0))), (error) =>
      isPhotoError(error, 'not_image'),
    );
    const jpeg = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    await assert.rejects(processPhoto(write('d.jpg', jpeg), { maxBytes: jpeg.length - 1 }), (error) =>
      isPhotoError(error, 'too_large_file'),
    );
  });
});
