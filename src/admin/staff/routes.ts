import { Router } from 'express';
import { postForm } from '../forms.js';
import { STAFF, StaffPages } from './pages.js';

/** Staff members and their roles under /staff/admin/staff. */
export function staffRoutes(deps: ConstructorParameters<typeof StaffPages>[0]): Router {
  const pages = new StaffPages(deps);
  const router = Router();
  router.get(STAFF, pages.list);
  router.get(`${STAFF}/new`, pages.newForm);
  router.post(STAFF, postForm, pages.create);
  router.get(`${STAFF}/:id`, pages.editForm);
  router.post(`${STAFF}/:id`, postForm, pages.update);
  router.post(`${STAFF}/:id/two-factor`, postForm, pages.resetTwoFactor);
  return router;
}
