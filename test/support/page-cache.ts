import express, { type Express } from 'express';
import { PageCache } from '../../src/page-cache/cache.js';
import type { TestContext } from './app.js';

/**
 * A bare app with a page cache in front (the page's language set as the i18n middleware would):
 * the test adds the routes whose rendering it watches.
 */
export function behindPageCache(
  context: TestContext,
  options: { ttlMs?: number; maxBytes?: number; waitMs?: number; clock?: () => number } = {},
): { app: Express; cache: PageCache } {
  const cache = new PageCache(context.services.knex, {
    ttlMs: options.ttlMs ?? 60_000,
    maxBytes: options.maxBytes ?? 1_000_000,
    waitMs: options.waitMs,
    clock: options.clock,
  });
  const app = express();
  app.use((req, res, next) => {
    req.language = 'lv';
    res.locals.lang = 'lv';
    next();
  });
  app.use(cache.middleware());
  return { app, cache };
}
