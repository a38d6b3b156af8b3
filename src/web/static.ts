import path from 'node:path';
import express, { Router } from 'express';

const ONE_DAY = 24 * 60 * 60 * 1000;

/** Our own CSS and scripts, and Leaflet and its clusters from npm packages: nothing loads from a CDN. */
export function setUpStaticFiles(rootDir: string): Router {
  const router = Router();
  const options = { maxAge: ONE_DAY, index: false, fallthrough: true } as const;
  router.use('/static', express.static(path.join(rootDir, 'public'), options));
  router.use(
    '/static/vendor/leaflet',
    express.static(path.join(rootDir, 'node_modules/leaflet/dist'), options),
  );
  router.use(
    '/static/vendor/markercluster',
    express.static(path.join(rootDir, 'node_modules/leaflet.markercluster/dist'), options),
  );
  return router;
}
