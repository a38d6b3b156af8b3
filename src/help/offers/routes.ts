import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { originCheck } from '../../web/origin-check.js';
import { offerFormRoutes } from './form-routes.js';
import { offerLinkRoutes } from './link-routes.js';
import { manageRoutes } from './manage-routes.js';

type Deps = Pick<
  Services,
  | 'config'
  | 'reference'
  | 'limiter'
  | 'clock'
  | 'helpOffers'
  | 'helpOfferChecks'
  | 'helpSummary'
  | 'helpOfferLinks'
  | 'helpVolunteerMatches'
>;

/** /help, "offer help", and the volunteer's links: confirming, their own page, "still available?". */
export function helpOfferRoutes(services: Deps): Router {
  const router = Router();
  const sameOrigin = originCheck({ publicUrl: services.config.publicUrl });
  router.get('/help', async (req: Request, res: Response) => {
    res.render('help/index', { summary: await services.helpSummary.summary(req.language) });
  });
  // Every page under /help/offers/ is one person's (a token in its address): no cache may keep
  // it, no search engine list it.
  router.use('/help/offers', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    next();
  });
  router.use(offerFormRoutes(services, sameOrigin));
  // The fixed paths (/help/offers/confirm/…) come before /help/offers/:id/:action.
  router.use(offerLinkRoutes(services, sameOrigin));
  router.use(manageRoutes(services, sameOrigin));
  return router;
}
