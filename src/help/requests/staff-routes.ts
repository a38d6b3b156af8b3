import { Router } from 'express';
import type { Services } from '../../services.js';

/** The staff workspace's pages of this part of help (under /staff/help). */
export function staffHelpRequestRoutes(services: Services): Router {
  void services;
  return Router();
}
