import { Router, type Request, type Response } from 'express';
import type { Services } from '../services.js';
import { requireStaff } from '../staff/session.js';
import { auditRoutes } from './audit/routes.js';
import { categoryRoutes } from './categories/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { deadLetterRoutes } from './dead-letters/routes.js';
import { render } from './forms.js';
import { routingRoutes } from './routing/routes.js';
import type { AdminServices } from './services.js';
import { staffRoutes } from './staff/routes.js';
import { templateRoutes } from './templates/routes.js';

/**
 * The overview: a link to each part, and what waits for the admin (bouncing addresses, contacts
 * still at a placeholder address, dead letters).
 */
function overview(admin: Pick<AdminServices, 'contacts' | 'deadLetters'>) {
  return async (_req: Request, res: Response) => {
    const [bouncing, placeholders, dead] = await Promise.all([
      admin.contacts.countBouncing(),
      admin.contacts.countPlaceholders(),
      admin.deadLetters.count(),
    ]);
    render(res, 'overview', { bouncing, placeholders, dead });
  };
}

/**
 * The admin's settings under /staff/admin and the audit log under /staff/audit: for admins only,
 * whatever the method (anyone else gets the 403 page; signed out, a GET goes to sign in).
 */
export function adminRoutes(services: Pick<Services, 'admin' | 'reference'>): Router {
  const { admin, reference } = services;
  const router = Router();
  router.use(['/staff/admin', '/staff/audit'], requireStaff('admin'));
  router.get('/staff/admin', overview(admin));
  router.use(categoryRoutes(admin));
  router.use(templateRoutes({ templates: admin.templates, reference }));
  router.use(contactRoutes({ contacts: admin.contacts, reference }));
  router.use(routingRoutes({ routing: admin.routing, contacts: admin.contacts, reference }));
  router.use(staffRoutes({ staff: admin.staff, contacts: admin.contacts, reference }));
  router.use(deadLetterRoutes(admin));
  router.use(auditRoutes(admin));
  return router;
}
