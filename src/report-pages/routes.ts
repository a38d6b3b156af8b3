import { Router } from 'express';
import type { Services } from '../services.js';
import { parsePhotoForm } from '../web/uploads.js';
import { ReporterActions } from './actions.js';
import { listPage } from './list-page.js';
import { ReportPage } from './report-page.js';

/** The public list, a report's page, and the reporter's actions on it. */
export function reportPageRoutes(
  services: Pick<
    Services,
    | 'reports'
    | 'reportUpdates'
    | 'reportList'
    | 'reference'
    | 'links'
    | 'photos'
    | 'limiter'
    | 'clock'
    | 'uploads'
    | 'publicWords'
    | 'helpTitles'
    | 'helpAskerHistory'
  >,
): Router {
  const router = Router();
  const page = new ReportPage(services);
  const actions = new ReporterActions(services, page);
  router.get('/reports', listPage(services));
  router.get('/reports/:ref', page.show);
  router.get('/reports/:ref/withdraw', page.withdraw);
  // No origin check here: the reporter's token in the body is itself an anti-forgery token, since a
  // page on another site cannot know it (and Chrome sends `Origin: null` under our no-referrer policy).
  router.post('/reports/:ref/actions', parsePhotoForm('photos', services.uploads), actions.act);
  return router;
}
