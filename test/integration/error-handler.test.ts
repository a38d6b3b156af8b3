import assert from 'node:assert/strict';
import express from 'express';
import cookieParser from 'cookie-parser';
import { pino } from 'pino';
import request from 'supertest';
import { createI18n } from '../../src/i18n/index.js';
import { errorHandler, notFound } from '../../src/web/errors.js';
import { setUpI18n } from '../../src/web/i18n.js';
import { setUpStaticFiles } from '../../src/web/static.js';
import { setUpViews } from '../../src/web/views.js';
import { ROOT_DIR } from '../../src/app.js';
import { testConfig } from '../support/app.js';

async function appThatFails(production: boolean) {
  const config = testConfig(
    production ? { NODE_ENV: 'production', SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://127.0.0.1:1' } : {},
  );
  const app = express();
  setUpViews(app, { config, rootDir: ROOT_DIR });
  // The layout names its stylesheet through `asset()`, which the static files set up.
  app.use(setUpStaticFiles(app, ROOT_DIR, { watch: false }));
  app.use((_req, res, next) => {
    res.locals.cspNonce = 'test';
    next();
  });
  app.use(cookieParser());
  app.use(setUpI18n(await createI18n()));
  app.get('/boom', () => {
    throw new Error('relation "secret_table" does not exist');
  });
  app.use(notFound);
  app.use(errorHandler({ production, logger: pino({ level: 'silent' }) }));
  return app;
}

describe('the error handler', () => {
  it('in production shows a translated 500 page and never the error text', async () => {
    const app = await appThatFails(true);
    const res = await request(app).get('/boom?lang=en').expect(500);
    assert.match(res.text, /Something went wrong on our side/);
    assert.doesNotMatch(res.text, /secret_table/);
  });

  it('in development shows the error to help the developer', async () => {
    const app = await appThatFails(false);
    const res = await request(app).get('/boom').expect(500);
    assert.match(res.text, /Mūsu pusē radās kļūda/);
    assert.match(res.text, /secret_table/);
  });

  it('answers in Russian when the visitor chose Russian', async () => {
    const app = await appThatFails(true);
    const res = await request(app).get('/boom?lang=ru').expect(500);
    assert.match(res.text, /У нас произошла ошибка/);
  });
});
