import { Router } from 'express';
import type { Services } from '../services.js';

/** The admin's settings under /staff/admin and the audit log under /staff/audit. */
export function adminRoutes(_services: Services): Router {
  return Router();
}
