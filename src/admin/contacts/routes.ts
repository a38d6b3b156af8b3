import { Router } from 'express';
import { postForm } from '../forms.js';
import { CONTACTS, ContactPages } from './pages.js';

/** Contacts and their bouncing addresses under /staff/admin/contacts. */
export function contactRoutes(deps: ConstructorParameters<typeof ContactPages>[0]): Router {
  const pages = new ContactPages(deps);
  const router = Router();
  router.get(CONTACTS, pages.list);
  router.get(`${CONTACTS}/new`, pages.newForm);
  router.post(CONTACTS, postForm, pages.create);
  router.get(`${CONTACTS}/:id`, pages.editForm);
  router.post(`${CONTACTS}/:id`, postForm, pages.update);
  router.post(`${CONTACTS}/:id/fixed`, postForm, pages.fixed);
  return router;
}
