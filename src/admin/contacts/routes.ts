import { Router } from 'express';
import { postForm } from '../forms.js';
import { ADDRESSES, AddressPages } from './addresses.js';
import { CONTACTS, ContactPages } from './pages.js';

/** Contacts, their bouncing addresses and the page of all addresses under /staff/admin/contacts. */
export function contactRoutes(deps: ConstructorParameters<typeof ContactPages>[0]): Router {
  const pages = new ContactPages(deps);
  const addresses = new AddressPages(deps);
  const router = Router();
  router.get(CONTACTS, pages.list);
  router.get(`${CONTACTS}/new`, pages.newForm);
  router.post(CONTACTS, postForm, pages.create);
  // Before `/:id`, which would take "addresses" for an id.
  router.get(ADDRESSES, addresses.form);
  router.post(ADDRESSES, postForm, addresses.save);
  router.get(`${CONTACTS}/:id`, pages.editForm);
  router.post(`${CONTACTS}/:id`, postForm, pages.update);
  router.post(`${CONTACTS}/:id/fixed`, postForm, pages.fixed);
  return router;
}
