import { Router } from 'express';
import type { Services } from '../services.js';

/** Moderation under /staff/moderation, and the residents' "report abuse" form. */
export function moderationRoutes(_services: Services): Router {
  return Router();
}
