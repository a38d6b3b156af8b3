import { Router } from 'express';
import type { Services } from '../app.js';

/** The public list, a report's page, and the reporter's actions on it. */
export function reportPageRoutes(_services: Services): Router {
  const router = Router();
  return router;
}
