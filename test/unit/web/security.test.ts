import assert from 'node:assert/strict';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { fixedHeaders, securityMiddleware, setUpWebSecurity } from '../../../src/web/security.js';

/** The headers of an answer to GET / from an app with only `security` in front of a small page. */
async function headersWith(security: RequestHandler) {
  const app = express();
  app.disable('x-powered-by');
  app.use(security);
  app.get('/', (_req, res) => {
    res.send('<p>page</p>');
  });
  const { headers } = await request(app).get('/').expect(200);
  // What differs on every answer, whatever sets the security headers.
  const { date: _date, etag: _etag, ...rest } = headers;
  return rest;
}

describe('security headers worked out once', () => {
  for (const options of [
    { mapTileUrl: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', https: true },
    { mapTileUrl: 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png', https: false },
  ]) {
    it(`are what helmet sets on each request (https ${options.https})`, async () => {
      const once = await headersWith(setUpWebSecurity(options));
      const each = await headersWith(securityMiddleware(options));
      assert.deepEqual(once, each);
      assert.match(String(once['content-security-policy']), /script-src 'self'/);
      assert.equal(once['referrer-policy'], 'no-referrer');
      assert.equal('strict-transport-security' in once, options.https);
    });
  }

  it('come from a middleware that only sets and removes headers, in its order', () => {
    const headers = fixedHeaders((_req, res, next) => {
      res.setHeader('X-One', 1);
      res.setHeader('X-Two', 'two');
      res.removeHeader('X-One');
      next();
    });
    assert.deepEqual(headers, [['X-Two', 'two']]);
  });

  it('refuse a middleware that fails or does not answer at once', () => {
    assert.throws(() => fixedHeaders((_req, _res, next) => next(new Error('no policy'))), /no policy/);
    assert.throws(() => fixedHeaders((_req, _res, next) => void setTimeout(next, 1)), /did not come at once/);
  });
});
