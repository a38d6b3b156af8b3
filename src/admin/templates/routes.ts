import { Router } from 'express';
import { postForm } from '../forms.js';
import { TEMPLATES, TemplatePages } from './pages.js';

/** Response templates under /staff/admin/templates. */
export function templateRoutes(deps: ConstructorParameters<typeof TemplatePages>[0]): Router {
  const pages = new TemplatePages(deps);
  const router = Router();
  router.get(TEMPLATES, pages.list);
  router.get(`${TEMPLATES}/new`, pages.newForm);
  router.post(TEMPLATES, postForm, pages.create);
  router.get(`${TEMPLATES}/:id`, pages.editForm);
  router.post(`${TEMPLATES}/:id`, postForm, pages.update);
  router.post(`${TEMPLATES}/:id/deactivate`, postForm, pages.deactivate);
  return router;
}
