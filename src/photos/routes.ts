import { Router } from 'express';
import type { Services } from '../app.js';

/** Serves stored photos to those who may see them. */
export function photoRoutes(_services: Services): Router {
  const router = Router();
  return router;
}
