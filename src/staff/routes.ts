import { Router } from 'express';
import type { Services } from '../services.js';
import { adminRoutes } from '../admin/routes.js';
import { moderationRoutes } from '../moderation/routes.js';
import { staffAuthRoutes } from './auth/routes.js';
import { loadStaffSession, requireStaff } from './session.js';

/** The staff workspace under /staff: signing in, then the pages of each role. */
export function staffRoutes(services: Services): Router {
  const { config } = services;
  const router = Router();
  router.use(
    '/staff',
    loadStaffSession({ auth: services.staffAuth, staff: services.staff, https: config.https }),
  );
  router.use(staffAuthRoutes({ auth: services.staffAuth, publicUrl: config.publicUrl, https: config.https }));
  router.get('/staff', requireStaff(), (_req, res) => res.render('staff/home'));
  router.use(adminRoutes(services));
  router.use(moderationRoutes(services));
  return router;
}
