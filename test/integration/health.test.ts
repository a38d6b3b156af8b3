import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { healthRoutes } from '../../src/health/routes.js';
import { makeApp } from '../support/app.js';
import { unreachableDatabase } from '../support/database.js';

describe('/healthz', () => {
  it('answers 200 when the database answers', async () => {
    const { app } = await makeApp();
    const res = await request(app).get('/healthz').expect(200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('answers 503 when the database does not', async () => {
    const unreachable = unreachableDatabase(2000);
    const app = express().use(healthRoutes(unreachable));
    try {
      const res = await request(app).get('/healthz').expect(503);
      assert.deepEqual(res.body, { status: 'unavailable' });
    } finally {
      await unreachable.destroy();
    }
  });
});
