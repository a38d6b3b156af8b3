import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { methodLabel, routeLabel } from './route-label.js';

/** From a cached page (a few ms) to a slow export or statistics at a million reports (seconds). */
const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Counts every request by method, route pattern and status, and times it by method and route.
 * Latency carries no status label: statuses times buckets times routes would multiply the series
 * for little, and the count by status is the counter's.
 */
export function requestMetrics(registry: Registry): RequestHandler {
  const requests = new Counter({
    name: 'tilts_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status ("aborted" when the client left first).',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tilts_http_request_duration_seconds',
    help: 'Time from the request reaching Tilts to the last byte of its answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    // Routers trim the path as they go; the route label needs the one that arrived.
    const path = req.path;
    res.once('close', () => {
      const labels = { method: methodLabel(req.method), route: routeLabel(req, path) };
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      requests.inc({ ...labels, status });
      duration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
}
