import assert from 'node:assert/strict';
import fs from 'node:fs';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { ROOT_DIR } from '../../src/app.js';
import { setUpCompression } from '../../src/web/compression.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they crossed the wire, still compressed. */
  wire: Buffer;
  /** The same, decoded by their Content-Encoding. */
  body: Buffer;
}

function decode(wire: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return zlib.brotliDecompressSync(wire);
  if (encoding === 'gzip') return zlib.gunzipSync(wire);
  assert.equal(encoding, undefined, `unexpected Content-Encoding ${encoding}`);
  return wire;
}

/** A plain HTTP GET (supertest would decompress the body before we could weigh it). */
function get(base: string, urlPath: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${urlPath}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          try {
            // A 304 names the encoding of what it revalidates, with no body to decode.
            const encoding = wire.length > 0 ? res.headers['content-encoding'] : undefined;
            resolve({ status: res.statusCode!, headers: res.headers, wire, body: decode(wire, encoding) });
          } catch (error) {
            reject(error as Error);
          }
        });
      })
      .on('error', reject);
  });
}

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const hrefs = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!);

describe('light pages: compression, hashed static files, Leaflet only with a map', () => {
  let context: TestContext;
  let server: Server;
  let base: string;
  let reportPath: string;

  before(async () => {
    context = await makeApp();
    const { report } = await makeReport(context.services, {
      title: 'Bedre pie skolas',
      lat: 56.45,
      lon: 27.33,
    });
    reportPath = `/reports/${report.ref}`;
    ({ server, base } = await listen(context.app));
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends pages in brotli or gzip as the client accepts, the same page as uncompressed', async () => {
    for (const page of ['/', '/reports', reportPath, '/reports/new?lang=en', '/map']) {
      const plain = await get(base, page, { 'Accept-Encoding': 'identity' });
      assert.equal(plain.status, 200, page);
      assert.equal(plain.headers['content-encoding'], undefined, page);
      assert.match(String(plain.headers.vary), /Accept-Encoding/i, page);
      const text = plain.body.toString('utf8').replace(/name="_csrf" value="[^"]*"/g, '');
      for (const [accept, expected] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['br;q=0.5, gzip;q=1', 'gzip'],
      ] as const) {
        const packed = await get(base, page, { 'Accept-Encoding': accept });
        assert.equal(packed.headers['content-encoding'], expected, `${page} for ${accept}`);
        assert.match(String(packed.headers.vary), /Accept-Encoding/i, page);
        assert.ok(packed.wire.length < plain.wire.length / 2, `${page}: ${packed.wire.length} B compressed`);
        assert.equal(packed.body.toString('utf8').replace(/name="_csrf" value="[^"]*"/g, ''), text, page);
      }
    }
  });

  it('sends a client that names no encoding the page as it is, still saying it varies by encoding', async () => {
    for (const page of ['/', '/reports', reportPath, '/map']) {
      const none = await get(base, page);
      const identity = await get(base, page, { 'Accept-Encoding': 'identity' });
      assert.equal(none.status, 200, page);
      assert.equal(none.headers['content-encoding'], undefined, page);
      assert.match(String(none.headers.vary), /Accept-Encoding/i, page);
      const text = (raw: Raw) => raw.body.toString('utf8').replace(/name="_csrf" value="[^"]*"/g, '');
      assert.equal(text(none), text(identity), page);
      assert.equal(none.headers['content-length'], String(none.wire.length), page);
    }
  });

  it('compresses a page the page cache answers as well as a fresh one', async () => {
    // The second request for the same URL is a cache hit (within the cache's lifetime).
    const first = await get(base, '/reports?lang=ru', { 'Accept-Encoding': 'br' });
    const second = await get(base, '/reports?lang=ru', { 'Accept-Encoding': 'gzip' });
    assert.equal(first.headers['content-encoding'], 'br');
    assert.equal(second.headers['content-encoding'], 'gzip');
    assert.equal(second.body.toString('utf8'), first.body.toString('utf8'));
  });

  it('streams open data compressed, and sends a tiny body as it is', async () => {
    const csv = await get(base, '/open-data/reports.csv', { 'Accept-Encoding': 'br' });
    assert.equal(csv.status, 200);
    assert.equal(csv.headers['transfer-encoding'], 'chunked');
    assert.equal(csv.headers['content-encoding'], 'br');
    assert.match(csv.body.toString('utf8'), /Bedre pie skolas/);
    const json = await get(base, '/open-data/reports.json', { 'Accept-Encoding': 'gzip' });
    assert.equal(json.headers['content-encoding'], 'gzip');
    assert.ok(JSON.parse(json.body.toString('utf8')));
    const health = await get(base, '/healthz', { 'Accept-Encoding': 'br, gzip' });
    assert.ok(health.wire.length < 1024);
    assert.equal(health.headers['content-encoding'], undefined);
  });

  it('names every static file by its content hash, cached for a year, compressed once', async () => {
    const html = (await get(base, '/', {})).body.toString('utf8');
    const statics = hrefs(html, /(?:href|src)="(\/static\/[^"]+)"/g);
    assert.ok(statics.length >= 2, `static files on /: ${statics.join(', ')}`);
    for (const url of statics) {
      const match = /^\/static\/(.+)\.([0-9a-f]{8})(\.[a-z]+)$/.exec(url);
      assert.ok(match, `${url} carries a hash`);
      const file = fs.readFileSync(path.join(ROOT_DIR, 'public', `${match[1]}${match[3]}`));
      const plain = await get(base, url, { 'Accept-Encoding': 'identity' });
      assert.equal(plain.status, 200, url);
      assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable', url);
      assert.deepEqual(plain.body, file, url);
      const etags = new Set([plain.headers.etag]);
      for (const encoding of ['br', 'gzip']) {
        const packed = await get(base, url, { 'Accept-Encoding': encoding });
        assert.equal(packed.headers['cache-control'], 'public, max-age=31536000, immutable', url);
        assert.match(String(packed.headers.vary), /Accept-Encoding/i, url);
        assert.deepEqual(packed.body, file, `${url} in ${encoding}`);
        if (file.length > 1024) {
          assert.equal(packed.headers['content-encoding'], encoding, url);
          assert.ok(packed.wire.length < file.length / 3, `${url} in ${encoding}: ${packed.wire.length} B`);
        }
        etags.add(packed.headers.etag);
        const again = await get(base, url, {
          'Accept-Encoding': encoding,
          'If-None-Match': packed.headers.etag!,
        });
        assert.equal(again.status, 304, `${url} revalidated in ${encoding}`);
      }
      if (file.length > 1024) assert.equal(etags.size, 3, `${url}: one ETag per encoding`);
    }
  });

  it('still answers an unhashed or outdated static path, with a short cache', async () => {
    const file = fs.readFileSync(path.join(ROOT_DIR, 'public/css/site.css'));
    for (const url of ['/static/css/site.css', '/static/css/site.0badc0de.css']) {
      const res = await get(base, url, { 'Accept-Encoding': 'gzip' });
      assert.equal(res.status, 200, url);
      assert.equal(res.headers['cache-control'], 'public, max-age=3600', url);
      assert.deepEqual(res.body, file, url);
    }
    for (const url of [
      '/static/css/nothing.css',
      '/static/../package.json',
      '/static/vendor/leaflet/../../package.json',
    ])
      assert.equal((await get(base, url)).status, 404, url);
  });

  it('serves Leaflet beside the images its style sheet names relative to itself', async () => {
    const html = (await get(base, '/map')).body.toString('utf8');
    const css = /data-css="([^"]*)"/.exec(html)![1]!.split(' ');
    const leafletCss = css.find((url) => /\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.css$/.test(url))!;
    const sheet = (await get(base, leafletCss, { 'Accept-Encoding': 'br' })).body.toString('utf8');
    const images = [...sheet.matchAll(/url\(([^)]+\.png)\)/g)].map((match) => match[1]!);
    assert.ok(images.length >= 3, `images in leaflet.css: ${images.join(', ')}`);
    for (const image of images) {
      const url = new URL(image, `${base}${leafletCss}`);
      const res = await get(base, url.pathname);
      assert.equal(res.status, 200, url.pathname);
      assert.equal(res.headers['content-type'], 'image/png');
    }
  });

  it('names no Leaflet on a page without a map, and only the loader’s data on a page with one', async () => {
    for (const page of ['/', '/reports', reportPath, '/help', '/statistics']) {
      const res = await get(base, page);
      assert.equal(res.status, 200, page);
      const html = res.body.toString('utf8');
      assert.doesNotMatch(html, /leaflet|markercluster|map-loader/i, page);
    }
    for (const [page, drawing] of [
      ['/reports/new', 'report-map'],
      ['/map', 'reports-map'],
    ] as const) {
      const html = (await get(base, page)).body.toString('utf8');
      // Neither a <link> nor a <script> of Leaflet: the browser fetches nothing of it by itself.
      assert.doesNotMatch(
        html,
        /<(link|script)[^>]*(?:href|src)="[^"]*(leaflet|markercluster|-map\.)/i,
        page,
      );
      const loader =
        /<script src="(\/static\/js\/map-loader\.[0-9a-f]{8}\.js)" defer data-css="([^"]*)" data-js="([^"]*)"><\/script>/.exec(
          html,
        );
      assert.ok(loader, `${page} has the map loader`);
      const scripts = loader[3]!.split(' ');
      assert.match(scripts[0]!, /^\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.js$/, page);
      assert.match(scripts.at(-1)!, new RegExp(`^/static/js/${drawing}\\.[0-9a-f]{8}\\.js$`), page);
      for (const url of [loader[1]!, ...loader[2]!.split(' '), ...scripts])
        assert.equal((await get(base, url)).status, 200, url);
      assert.doesNotMatch(html, /<script>|style="/, page);
    }
  });
});

describe('per-response compression of a long stream', () => {
  it('keeps backpressure without piling up drain listeners', async () => {
    const app = express();
    app.use(setUpCompression());
    // Random bytes do not compress: zlib's output stays as big as the input, so the writer waits.
    const chunk = Buffer.from(
      Array.from({ length: 24 * 1024 }, () => Math.floor(Math.random() * 256)),
    ).toString('base64');
    let waits = 0;
    app.get('/long', async (_req, res) => {
      res.type('text/plain');
      for (let index = 0; index < 100; index += 1) {
        if (!res.write(chunk)) {
          waits += 1;
          await new Promise<void>((resolve) => {
            const done = () => {
              res.off('drain', done);
              resolve();
            };
            res.on('drain', done);
          });
        }
      }
      res.end();
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const { server, base } = await listen(app);
    try {
      const res = await get(base, '/long', { 'Accept-Encoding': 'gzip' });
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.equal(res.body.length, chunk.length * 100);
      assert.ok(waits > 10, `the writer waited for drain ${waits} times`);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(
        warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map((w) => w.message),
        [],
      );
    } finally {
      process.off('warning', onWarning);
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
