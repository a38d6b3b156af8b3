import { addressErasureRoutes, reporterErasureRoutes } from '../retention/routes.js';
import { Router } from 'express';
import type { Services } from '../services.js';
import { adminRoutes } from '../admin/routes.js';
import { staffHelpRoutes } from '../help/routes.js';
import { moderationRoutes } from '../moderation/routes.js';
import { apiKeyRoutes } from '../open311/keys/routes.js';
import { staffAuthRoutes } from './auth/routes.js';
import { staffInboundRoutes } from './inbound/routes.js';
import { staffReportRoutes } from './reports/routes.js';
import { lostFormPage } from './lost-form.js';
import { loadStaffSession } from './session.js';

/** The staff workspace under /staff: signing in, then the pages of each role. */
export function staffRoutes(services: Services): Router {
  const { config } = services;
  const router = Router();
  router.use(
    '/staff',
    loadStaffSession({ auth: services.staffAuth, staff: services.staff, https: config.https }),
  );
  router.use(staffAuthRoutes({ auth: services.staffAuth, publicUrl: config.publicUrl, https: config.https }));
  router.use(staffReportRoutes(services));
  router.use(reporterErasureRoutes(services));
  router.use(addressErasureRoutes(services));
  router.use(staffInboundRoutes(services));
  router.use(adminRoutes(services));
  router.use(apiKeyRoutes(services));
  router.use(moderationRoutes(services));
  router.use(staffHelpRoutes(services));
  // A form sent after signing out, or from an old page: what was typed is shown back.
  router.use('/staff', lostFormPage(config.publicUrl));
  return router;
}
