import assert from 'node:assert/strict';
import request from 'supertest';
import sharp from 'sharp';
import { makeApp, type TestContext } from '../support/app.js';
import { hideReport, makeReport, pendingPhotos } from '../support/reports.js';

/** supertest buffers image/* bodies when asked to. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('serving photos', () => {
  let context: TestContext;

  before(async () => {
    context = await makeApp();
  });

  const get = (path: string) => request(context.app).get(path).buffer(true).parse(binary);

  it('serves a public report’s photo and thumbnail to anyone, cached for minutes, never sniffed', async () => {
    const { photoKeys } = await makeReport(context.services, { photos: 1 });
    const key = photoKeys[0]!;
    for (const path of [`/photos/${key}`, `/photos/${key}/thumb`]) {
      const res = await get(path).expect(200);
      assert.equal(res.headers['content-type'], 'image/jpeg');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['cache-control'], 'public, max-age=300');
      assert.equal(res.headers['content-disposition'], 'inline');
      assert.equal(res.headers['set-cookie'], undefined);
      // The same bytes for every language, cookie and encoding: one copy in a shared cache.
      assert.equal(res.headers.vary, undefined);
      // A public photo is the report's page's own: image search may show it.
      assert.equal(res.headers['x-robots-tag'], undefined);
      const body = res.body as Buffer;
      assert.deepEqual([...body.subarray(0, 3)], [0xff, 0xd8, 0xff]);
      const meta = await sharp(body).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.exif, undefined);
    }
  });

  it('serves a private report’s photo only with its signature, and never to a shared cache', async () => {
    const { photoKeys } = await makeReport(context.services, { category: 'elderly-help', photos: 1 });
    const key = photoKeys[0]!;
    // Its "not found" page is translated: it varies as pages do.
    const missing = await get(`/photos/${key}`).expect(404);
    assert.match(missing.headers.vary ?? '', /Accept-Language/);
    await get(`/photos/${key}/thumb`).expect(404);
    await get(`/photos/${key}?sig=${'x'.repeat(24)}`).expect(404);
    const sig = context.services.links.photoSignature(key);
    await get(`/photos/${key}?sig=${sig}&sig=${sig}`).expect(404);
    const full = await get(`/photos/${key}?sig=${sig}`).expect(200);
    assert.equal(full.headers['cache-control'], 'private, no-store');
    assert.equal(full.headers['content-type'], 'image/jpeg');
    // A signed link that leaks (an email forwarded to a public list) stays out of image search.
    assert.equal(full.headers['x-robots-tag'], 'noindex');
    const thumb = await get(`/photos/${key}/thumb?sig=${sig}`).expect(200);
    assert.equal(thumb.headers['x-content-type-options'], 'nosniff');
    assert.equal(thumb.headers['x-robots-tag'], 'noindex');
    // The link staff emails carry works as it is.
    const url = new URL(context.services.links.photo(key, true));
    await get(`${url.pathname}${url.search}`).expect(200);
  });

  it('lets a cache ask again cheaply, and stop showing a photo its report no longer shows', async () => {
    const { report, photoKeys } = await makeReport(context.services, { photos: 1 });
    const key = photoKeys[0]!;
    for (const path of [`/photos/${key}`, `/photos/${key}/thumb`]) {
      const first = await get(path).expect(200);
      assert.ok(first.headers.etag, path);
      const again = await get(path)
        .set('If-None-Match', first.headers.etag!)
        .set('Cookie', 'lang=en')
        .set('Accept-Language', 'ru')
        .set('Accept-Encoding', 'br')
        .expect(304);
      assert.equal(again.headers.vary, undefined);
      assert.equal((again.body as Buffer | undefined)?.length ?? 0, 0);
    }
    const etag = (await get(`/photos/${key}`)).headers.etag!;
    await hideReport(context.services, report);
    // A cache that kept it asks again within five minutes, and is told it is gone.
    await get(`/photos/${key}`).set('If-None-Match', etag).expect(404);
  });

  it('answers 404 for photos of unconfirmed, hidden and withdrawn reports without a signature', async () => {
    const unconfirmed = await makeReport(context.services, { confirmed: false, photos: 1 });
    const hidden = await makeReport(context.services, { photos: 1 });
    await hideReport(context.services, hidden.report);
    const withdrawn = await makeReport(context.services, { photos: 1 });
    await context.services.reportUpdates.reporterAction(withdrawn.report.ref, withdrawn.token, {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    for (const made of [unconfirmed, hidden, withdrawn]) {
      const key = made.photoKeys[0]!;
      await get(`/photos/${key}`).expect(404);
      await get(`/photos/${key}/thumb`).expect(404);
      await get(`/photos/${key}?sig=${context.services.links.photoSignature(key)}`).expect(200);
    }
  });

  it('answers 404, not 500, for odd, unknown or hostile keys', async () => {
    const { photoKeys } = await makeReport(context.services, { photos: 1 });
    const paths = [
      '/photos/short',
      '/photos/..%2F..%2F..%2Fetc%2Fpasswd',
      '/photos/%2e%2e',
      '/photos/abc.def.ghi.jkl',
      `/photos/${'a'.repeat(200)}`,
      '/photos/AAAAAAAAAAAAAAAAAAAAAA',
      `/photos/${photoKeys[0]}-thumb`,
      `/photos/${photoKeys[0]}/thumb/extra`,
      '/photos/nope/thumb',
      '/photos/a.b/thumb',
      '/photos/%20/thumb',
      '/photos/..%2f..%2fetc/thumb',
    ];
    for (const path of paths) {
      const res = await request(context.app).get(path);
      assert.equal(res.status, 404, path);
    }
  });

  it('serves a pending upload’s thumbnail to whoever holds its random id, privately', async () => {
    const [pending] = await pendingPhotos(context.services, 1);
    const res = await get(`/uploads/pending/${pending!.id}/thumb`).expect(200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    await get('/uploads/pending/AAAAAAAAAAAAAAAAAAAAAA/thumb').expect(404);
    await get('/uploads/pending/..%2F..%2Fx/thumb').expect(404);
    // A pending photo is not served by its storage key without a signature.
    await get(`/photos/${pending!.storageKey}`).expect(404);
  });

  it('answers a HEAD request with the headers and no body', async () => {
    const { photoKeys } = await makeReport(context.services, { photos: 1 });
    const res = await request(context.app).head(`/photos/${photoKeys[0]}/thumb`).expect(200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
  });
});
