import { alertRoutes } from './alerts/routes.js';
import { helpRoutes } from './help/routes.js';
import { ROOT_DIR } from './paths.js';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { emailLinkRoutes } from './email-links/routes.js';
import { healthRoutes } from './health/routes.js';
import { Metrics } from './metrics/metrics.js';
import { metricsRoutes } from './metrics/routes.js';
import { inboundRoutes } from './inbound/routes.js';
import { smtpDoorSender } from './mail/dev-mailbox/reply.js';
import { devMailboxRoutes } from './mail/dev-mailbox/routes.js';
import { photoRoutes } from './photos/routes.js';
import { openDataRoutes } from './open-data/routes.js';
import { open311Routes } from './open311/routes.js';
import { homeRoutes } from './reference/routes.js';
import { reportFormRoutes } from './report-form/routes.js';
import { reportMapRoutes } from './report-map/routes.js';
import { feedRoutes } from './feeds/routes.js';
import { reportPageRoutes } from './report-pages/routes.js';
import type { Services } from './services.js';
import { staffRoutes } from './staff/routes.js';
import { statisticsRoutes } from './statistics/routes.js';
import { subscriptionRoutes } from './subscriptions/routes.js';
import { errorHandler, notFound } from './web/errors.js';
import { loopbackOnly } from './web/loopback-only.js';
import { originCheck } from './web/origin-check.js';
import { setUpI18n } from './web/i18n.js';
import { keepLanguageOnRedirect } from './web/language-redirect.js';
import { PageCache } from './page-cache/cache.js';
import { setUpRequestLogging } from './web/logging.js';
import { setUpWebSecurity } from './web/security.js';
import { setUpCompression } from './web/compression.js';
import { featureRouters } from './web/feature-routers.js';
import { setUpStaticFiles } from './web/static.js';
import { setUpViews } from './web/views.js';

export { ROOT_DIR };

/** About 2,500 report pages, or 800 lists, with their compressed copies. */
const PAGE_CACHE_MAX_BYTES = 24 * 1024 * 1024;

/** Builds the whole web application from its services; it never listens (server.ts does). */
export function createApp(services: Services): Express {
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  // Only the proxies named in TRUST_PROXY may say who the client is; anyone else's
  // X-Forwarded-For would let one client look like many and escape every per-address limit.
  app.set('trust proxy', config.trustProxy);
  setUpViews(app, { config, rootDir: ROOT_DIR });

  app.use(setUpRequestLogging(logger));
  const metrics = new Metrics({
    knex: services.knex,
    clock: services.clock,
    logger,
    dataDir: config.dataDir,
  });
  app.use(metrics.requests);
  app.use(setUpWebSecurity({ mapTileUrl: config.mapTileUrl, https: config.https }));
  // Static files come compressed once at the highest quality; everything after is compressed per
  // response (the page cache's stored HTML too: it is sent through res.send like a fresh render).
  // Each group of routers below is tried by the first segment of the path (featureRouters): only the
  // routers with a route there see the request, in the order listed.
  app.use(featureRouters([setUpStaticFiles(app, ROOT_DIR, { watch: config.development })]));
  app.use(setUpCompression());
  app.use(
    featureRouters([
      healthRoutes(services.knex),
      metricsRoutes(metrics, { ...config.metrics, trustsProxy: config.trustProxy !== false }),
      // Mail providers post here from their servers: no cookies, no language, its own authentication.
      inboundRoutes(services.inbound, services.limiter, config.inboundSecret),
      // Open311 clients: no cookies, no session; the language is a parameter, errors are the spec's.
      open311Routes(services),
    ]),
  );
  app.use(cookieParser());
  app.use(setUpI18n(services.i18n));
  // Every redirect after this keeps the language just picked (set once, on the app's responses).
  keepLanguageOnRedirect(app);
  app.use(
    new PageCache(services.knex, {
      ttlMs: config.pageCacheSeconds * 1000,
      maxBytes: PAGE_CACHE_MAX_BYTES,
    }).middleware(),
  );

  app.use(
    featureRouters([
      homeRoutes(services.reference),
      photoRoutes(services),
      // The form's fixed paths (/reports/new, /reports/confirm/…) come before /reports/:ref.
      reportFormRoutes(services),
      subscriptionRoutes(services),
      alertRoutes(services),
      emailLinkRoutes(services),
      reportPageRoutes(services),
      reportMapRoutes(services),
      feedRoutes(services),
      helpRoutes(services),
      statisticsRoutes(services),
      openDataRoutes({ openData: services.openData, publicUrl: config.publicUrl }),
      staffRoutes(services),
    ]),
  );
  // Every email any recipient got: only on a developer's own machine, and to a browser on it; its
  // reply form answers as the parish, so another site's page may not post it.
  app.use('/dev', loopbackOnly, originCheck({ publicUrl: config.publicUrl }));
  if (config.development) {
    app.use(
      '/dev/mailbox',
      devMailboxRoutes({
        knex: services.knex,
        mailFrom: config.mailFrom,
        reply: config.inboundSmtpPort > 0 ? smtpDoorSender(config.inboundSmtpPort) : undefined,
      }),
    );
  }

  app.use(notFound);
  app.use(errorHandler({ production: !config.development, logger }));
  return app;
}
