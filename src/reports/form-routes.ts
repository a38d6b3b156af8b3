import { Router } from 'express';
import type { Services } from '../app.js';

/** The report form, the review of nearby reports, and the confirmation links. */
export function reportFormRoutes(_services: Services): Router {
  const router = Router();
  return router;
}
