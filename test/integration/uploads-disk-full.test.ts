import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '../../src/uploads/storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { testJpeg } from '../support/reports.js';
import { count, errorOf, pendingIds, postForm, validFields } from './report-form-helpers.js';
import { drift, enospc, FailingStorage, withStorage } from './uploads-helpers.js';

const MESSAGES = {
  en: /could not be saved: the server is out of space\. Your text and the other photos are kept below/,
  lv: /neizdevās saglabāt: serverī beigusies vieta\. Jūsu teksts un pārējās fotogrāfijas ir saglabātas zemāk/,
  ru: /на сервере закончилось место\. Ваш текст и остальные фотографии сохранены ниже/,
};

describe('the disk full while a photo is saved', () => {
  let context: TestContext;
  let jpeg: Buffer;

  before(async () => {
    context = await makeApp();
    jpeg = await testJpeg();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('gives the form back, translated, with the text, the photo that was saved and nothing half-written', async () => {
    const storage = new LocalDiskStorage(context.config.uploadDir);
    // In each request the first photo and its thumbnail are written, then the disk is full.
    let first = 0;
    const { app, services } = await withStorage(
      context,
      new FailingStorage(storage, (n) => (n > first + 2 ? enospc() : undefined)),
    );
    for (const lang of ['en', 'lv', 'ru'] as const) {
      const res = await postForm(app, validFields({ title: `Pilns disks ${lang}` }), {
        lang,
        files: [
          { buffer: jpeg, filename: 'pirma.jpg' },
          { buffer: jpeg, filename: 'otra.jpg' },
        ],
      });
      assert.equal(res.status, 422, 'a form to correct, never a 500');
      assert.match(errorOf(res.text, 'photos')!, MESSAGES[lang]);
      assert.match(errorOf(res.text, 'photos')!, /otra\.jpg/);
      assert.ok(res.text.includes(`value="Pilns disks ${lang}"`), 'the text is refilled');
      assert.equal(pendingIds(res.text).length, 1, 'the photo that was saved is kept');
      first += 3;
    }
    assert.equal(await count(services.knex, 'reports'), 0);
    assert.equal(await count(services.knex, 'pending_uploads'), 3);
    assert.deepEqual(await drift(services.knex, storage), { orphanFiles: [], missingFiles: [] });
    assert.deepEqual(fs.readdirSync(context.config.uploadTempDir), [], 'no upload file is left');
  });

  it('keeps the earlier photos and the text when the form is sent again with room on the disk', async () => {
    let full = true;
    const storage = new LocalDiskStorage(context.config.uploadDir);
    const { app, services } = await withStorage(
      context,
      new FailingStorage(storage, () => (full ? enospc() : undefined)),
    );
    const refused = await postForm(app, validFields(), {
      lang: 'en',
      files: [{ buffer: jpeg, filename: 'bedre.jpg' }],
    }).expect(422);
    assert.match(errorOf(refused.text, 'photos')!, MESSAGES.en);
    full = false;
    await postForm(app, validFields(), { files: [{ buffer: jpeg, filename: 'bedre.jpg' }] }).expect(303);
    assert.equal(await count(services.knex, 'report_photos'), 1);
  });
});

/** A real full disk: a tmpfs of a few pages, when this machine lets the test mount one. */
describe('a real full disk (a tiny tmpfs)', function () {
  let context: TestContext;
  let mounts: string[] = [];
  let jpeg: Buffer;

  function mountTiny(dir: string, size: string): boolean {
    fs.mkdirSync(dir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
      mounts.push(dir);
      return true;
    } catch {
      return false;
    }
  }

  /** Fills a tmpfs to the last byte, so that the next write of any size fails with ENOSPC. */
  function fill(dir: string): void {
    const file = fs.openSync(path.join(dir, 'filler'), 'w');
    const chunk = Buffer.alloc(4096, 1);
    try {
      for (;;) fs.writeSync(file, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      fs.closeSync(file);
    }
  }

  before(async function () {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-full-'));
    if (os.platform() !== 'linux' || !mountTiny(path.join(dataDir, 'uploads'), '64k')) {
      // Mounting needs root (or CAP_SYS_ADMIN); the injected ENOSPC above covers the same path.
      this.skip();
    }
    mountTiny(path.join(dataDir, 'upload-tmp'), '64k');
    context = await makeApp({ DATA_DIR: dataDir });
    jpeg = await testJpeg(640, 480);
  });

  after(() => {
    for (const dir of mounts) execFileSync('umount', [dir]);
    mounts = [];
  });

  it('answers a photo the photo storage has no room for with the form and the message', async () => {
    fill(context.config.uploadDir);
    const res = await postForm(context.app, validFields({ title: 'Disks pilns' }), {
      lang: 'en',
      files: [{ buffer: jpeg, filename: 'bedre.jpg' }],
    });
    assert.equal(res.status, 422);
    assert.match(errorOf(res.text, 'photos')!, MESSAGES.en);
    assert.ok(res.text.includes('value="Disks pilns"'));
    assert.equal(await count(context.services.knex, 'pending_uploads'), 0, 'the row went with the files');
    const left = fs.readdirSync(context.config.uploadDir, { recursive: true }) as string[];
    assert.deepEqual(
      left.filter(
        (name) =>
          !name.startsWith('filler') && !fs.statSync(path.join(context.config.uploadDir, name)).isDirectory(),
      ),
      [],
      'no half-written file is left',
    );
    fs.rmSync(path.join(context.config.uploadDir, 'filler'));
  });

  it('answers an upload the temporary folder has no room for in the same way', async function () {
    if (!mounts.includes(context.config.uploadTempDir)) this.skip();
    fill(context.config.uploadTempDir);
    const res = await postForm(context.app, validFields({ title: 'Pagaidu mape pilna' }), {
      lang: 'lv',
      files: [{ buffer: jpeg, filename: 'bedre.jpg' }],
    });
    assert.equal(res.status, 422);
    assert.match(errorOf(res.text, 'photos')!, MESSAGES.lv);
    assert.ok(res.text.includes('value="Pagaidu mape pilna"'));
    assert.deepEqual(fs.readdirSync(context.config.uploadTempDir), ['filler']);
    fs.rmSync(path.join(context.config.uploadTempDir, 'filler'));
  });
});
