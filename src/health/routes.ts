import { Router } from 'express';
import type { Knex } from 'knex';

/** 200 only when the database answers, so a load balancer takes a broken process out of rotation. */
export function healthRoutes(knex: Knex): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await knex.raw('select 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return router;
}
