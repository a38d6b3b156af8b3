import { Router } from 'express';
import type { Services } from '../../services.js';

/** The public pages of this part of help. */
export function helpOfferRoutes(services: Services): Router {
  void services;
  return Router();
}
