import { Router } from 'express';
import type { Knex } from 'knex';
import { UNAVAILABLE_RETRY_AFTER_S } from '../web/errors.js';

/** A database that has not answered by then counts as away: a health check must not hang. */
const HEALTH_TIMEOUT_MS = 5_000;

/** 200 only when the database answers, so a load balancer takes a broken process out of rotation. */
export function healthRoutes(knex: Knex): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        knex.raw('select 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('database did not answer in time')), HEALTH_TIMEOUT_MS);
        }),
      ]);
      res.json({ status: 'ok' });
    } catch {
      res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
      res.status(503).json({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
