import { Router, type Request } from 'express';
import { metricsAccess, type MetricsAccessSettings } from './access.js';
import type { Metrics } from './metrics.js';

/**
 * `GET /metrics` in the Prometheus text format, for the monitoring server only (see access.ts);
 * anyone else gets a bare 403 that says nothing about why. Never cached anywhere: the figures are
 * of this moment and of this process.
 */
export function metricsRoutes(metrics: Pick<Metrics, 'scrape'>, settings: MetricsAccessSettings): Router {
  const mayRead = metricsAccess(settings);
  const router = Router();
  router.get('/metrics', async (req: Request, res) => {
    res.set('Cache-Control', 'no-store');
    const allowed = mayRead({
      ip: req.ip,
      authorization: req.get('authorization'),
      // nginx's usual `proxy_set_header X-Real-IP` names the client as well as the other two.
      forwarded: ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((name) => req.get(name) !== undefined),
    });
    if (!allowed) {
      res.status(403).type('text/plain').send('Forbidden\n');
      return;
    }
    const { contentType, body } = await metrics.scrape();
    res.type(contentType).send(body);
  });
  return router;
}
