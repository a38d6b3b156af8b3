import { Router } from 'express';
import { postForm } from '../forms.js';
import { ROUTING, RoutingPages } from './pages.js';

/** The routing table and its preview under /staff/admin/routing. */
export function routingRoutes(deps: ConstructorParameters<typeof RoutingPages>[0]): Router {
  const pages = new RoutingPages(deps);
  const router = Router();
  router.get(ROUTING, pages.list);
  router.post(`${ROUTING}/rules`, postForm, pages.add);
  router.post(`${ROUTING}/rules/:id/remove`, postForm, pages.remove);
  router.get(`${ROUTING}/preview`, pages.preview);
  return router;
}
