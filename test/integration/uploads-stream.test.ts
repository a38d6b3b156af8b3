import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { LocalDiskStorage } from '../../src/uploads/storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, testJpeg } from '../support/reports.js';
import { count, errorOf, pendingIds, postForm, validFields } from './report-form-helpers.js';
import { FailingStorage, withStorage } from './uploads-helpers.js';

const OVER_BUDGET = {
  en: /was not saved: many photos have been sent from your internet connection in the last hour\. Your text is kept below/,
  lv: /netika saglabāta: no jūsu interneta pieslēguma pēdējās stundas laikā nosūtīts daudz fotogrāfiju/,
  ru: /не сохранена: за последний час с вашего интернет-подключения отправлено много фотографий/,
};

/** A JPEG of random pixels: it hardly compresses, so its size is close to width × height × 3. */
function noisyJpeg(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

describe('uploads streamed to disk', () => {
  let context: TestContext;
  let jpeg: Buffer;

  before(async () => {
    context = await makeApp();
    jpeg = await testJpeg();
  });

  it('reach the photo pipeline as a temporary file, which is gone once the answer is sent', async () => {
    const seen: { name: string; size: number }[][] = [];
    const storage = new FailingStorage(new LocalDiskStorage(context.config.uploadDir), () => {
      // At the moment a photo is stored, its upload is a file in the temporary folder.
      seen.push(
        fs.readdirSync(context.config.uploadTempDir).map((name) => ({
          name,
          size: fs.statSync(path.join(context.config.uploadTempDir, name)).size,
        })),
      );
      return undefined;
    });
    const { app } = await withStorage(context, storage);
    const res = await postForm(
      app,
      { title: 'Tikai bilde' },
      { files: [{ buffer: jpeg, filename: 'a.jpg' }] },
    );
    assert.equal(res.status, 422);
    assert.equal(pendingIds(res.text).length, 1);
    assert.match(seen[0]![0]!.name, /^[0-9a-f]{24}\.upload$/);
    assert.equal(seen[0]![0]!.size, jpeg.length);
    assert.deepEqual(fs.readdirSync(context.config.uploadTempDir), []);
  });

  it('are removed on every path: refused photos, a broken limit, a body cut off mid-photo', async () => {
    const { app } = context;
    await postForm(app, validFields(), {
      files: [{ buffer: Buffer.from('not a photo at all'), filename: 'x.jpg' }],
    }).expect(422);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ buffer: jpeg, filename: `f${i}.jpg` }));
    await postForm(app, validFields(), { files: eleven }).expect(422);
    const boundary = 'cutcutcut';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nPus\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\n`),
      jpeg.subarray(0, 500),
    ]);
    await request(app)
      .post('/reports')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body)
      .expect(400);
    assert.deepEqual(fs.readdirSync(context.config.uploadTempDir), []);
  });
});

describe('the hourly upload budget of a client address', () => {
  let context: TestContext;
  let jpeg: Buffer;

  before(async () => {
    context = await makeApp({ UPLOAD_FILES_PER_IP_HOUR: '3', UPLOAD_MB_PER_IP_HOUR: '1' });
    jpeg = await testJpeg();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
    await context.services.knex('pending_uploads').delete();
  });

  it('drops the files over it unread, keeps the text and says so in the form’s language', async () => {
    const { app, services } = context;
    const two = [
      { buffer: jpeg, filename: 'a.jpg' },
      { buffer: jpeg, filename: 'b.jpg' },
    ];
    const first = await postForm(app, { title: 'Pirmās divas' }, { files: two }).expect(422);
    assert.equal(pendingIds(first.text).length, 2);
    for (const lang of ['en', 'lv', 'ru'] as const) {
      const res = await postForm(app, validFields({ title: `Vēl ${lang}` }), {
        lang,
        files: [
          { buffer: jpeg, filename: 'c.jpg' },
          { buffer: jpeg, filename: 'd.jpg' },
        ],
      });
      assert.equal(res.status, 422);
      assert.match(errorOf(res.text, 'photos')!, OVER_BUDGET[lang]);
      assert.match(errorOf(res.text, 'photos')!, /d\.jpg/);
      assert.ok(res.text.includes(`value="Vēl ${lang}"`), 'the text is kept');
    }
    // Three files in the hour: the two, then c.jpg once; every later file was read past.
    assert.equal(await count(services.knex, 'pending_uploads'), 3);
    assert.deepEqual(fs.readdirSync(context.config.uploadTempDir), []);
    // A form without new photos still goes through.
    await postForm(app, validFields({ email: 'budget@example.lv' })).expect(303);
  });

  it('counts bytes too: a photo that would pass the hour’s megabytes is not stored', async () => {
    const big = await noisyJpeg(600, 400);
    assert.ok(big.length > 512 * 1024 && big.length < 1024 * 1024, `a ${big.length}-byte photo`);
    const { app, services } = context;
    const res = await postForm(app, validFields(), {
      lang: 'en',
      files: [
        { buffer: big, filename: 'first.jpg' },
        { buffer: big, filename: 'second.jpg' },
      ],
    }).expect(422);
    assert.match(errorOf(res.text, 'photos')!, /“second\.jpg” was not saved: many photos/);
    assert.equal(await count(services.knex, 'pending_uploads'), 1);
  });

  it('is its own: photos of the reporter’s comment form spend the same budget', async () => {
    const { services } = context;
    const made = await makeReport(services);
    const send = (files: string[]) => {
      const req = request(context.app)
        .post(`/reports/${made.report.ref}/actions?lang=en`)
        .field('token', made.token)
        .field('action', 'comment')
        .field('text', 'Vēl bildes');
      for (const name of files)
        void req.attach('photos', jpeg, { filename: name, contentType: 'image/jpeg' });
      return req;
    };
    await send(['a.jpg', 'b.jpg', 'c.jpg']);
    const res = await send(['d.jpg']);
    assert.match(res.text, /“d\.jpg” was not saved: many photos have been sent/);
  });
});
