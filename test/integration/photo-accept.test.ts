import assert from 'node:assert/strict';
import request from 'supertest';
import { canDecodeHeic } from '../../src/uploads/photo-processor.js';
import { makeApp } from '../support/app.js';

describe('the photo picker', () => {
  it('asks for HEIC only when the server can decode it, so iPhones send JPEG otherwise', async () => {
    const { app } = await makeApp();
    const res = await request(app).get('/reports/new').expect(200);
    const accept = /name="photos"[^>]*accept="([^"]+)"/.exec(res.text)?.[1];
    assert.ok(accept);
    assert.match(accept, /image\/jpeg/);
    assert.equal(/heic/i.test(accept), canDecodeHeic());
  });
});
