import { Router } from 'express';
import { postForm } from '../forms.js';
import { CATEGORIES, CategoryPages } from './pages.js';

/** Categories under /staff/admin/categories. */
export function categoryRoutes(deps: ConstructorParameters<typeof CategoryPages>[0]): Router {
  const pages = new CategoryPages(deps);
  const router = Router();
  router.get(CATEGORIES, pages.list);
  router.get(`${CATEGORIES}/new`, pages.newForm);
  router.post(CATEGORIES, postForm, pages.create);
  router.get(`${CATEGORIES}/:code`, pages.editForm);
  router.post(`${CATEGORIES}/:code`, postForm, pages.update);
  return router;
}
