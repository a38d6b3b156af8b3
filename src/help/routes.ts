import { Router } from 'express';
import type { Services } from '../services.js';
import { helpMatchRoutes } from './matching/routes.js';
import { staffHelpMatchRoutes } from './matching/staff-routes.js';
import { helpOfferRoutes } from './offers/routes.js';
import { staffHelpOfferRoutes } from './offers/staff-routes.js';
import { helpRequestRoutes } from './requests/routes.js';
import { staffHelpRequestRoutes } from './requests/staff-routes.js';

/** The public pages of help: /help, offering, asking, and the links in matching emails. */
export function helpRoutes(services: Services): Router {
  const router = Router();
  router.use(helpOfferRoutes(services));
  router.use(helpRequestRoutes(services));
  router.use(helpMatchRoutes(services));
  return router;
}

/** Help in the staff workspace (mounted after the staff session is loaded). */
export function staffHelpRoutes(services: Services): Router {
  const router = Router();
  router.use(staffHelpOfferRoutes(services));
  router.use(staffHelpRequestRoutes(services));
  router.use(staffHelpMatchRoutes(services));
  return router;
}
