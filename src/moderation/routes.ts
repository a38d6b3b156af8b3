import { Router } from 'express';
import type { Services } from '../services.js';
import { checkCsrf, requireStaff } from '../staff/session.js';
import { originCheck } from '../web/origin-check.js';
import { parseForm } from '../web/uploads.js';
import { AbusePages } from './abuse-pages.js';
import { BanPages } from './ban-pages.js';
import { HidePages } from './hide-pages.js';
import { PhotoPages } from './photo-pages.js';
import { QueuePages } from './queue-pages.js';

const BASE = '/staff/moderation';
const REPORT = `${BASE}/reports/:ref`;
// An update or a photo of the report: `updates/12` or `photos/34` (anything else is a 404).
const PART = `${REPORT}/:part/:id`;

/**
 * Moderation under /staff/moderation (moderators and admins: every form with the session's CSRF
 * token), and the residents' "report abuse" form on public reports (no account: origin-checked,
 * rate-limited per address).
 */
export function moderationRoutes(services: Services): Router {
  const router = Router();
  const abuse = new AbusePages(services);
  const queue = new QueuePages(services);
  const hide = new HidePages(services);
  const bans = new BanPages(services);
  const photos = new PhotoPages(services);
  const sameOrigin = originCheck({ publicUrl: services.config.publicUrl });
  const view = requireStaff('admin', 'moderator');
  const change = [view, parseForm, checkCsrf];

  router.get('/reports/:ref/abuse', abuse.show);
  router.post('/reports/:ref/abuse', sameOrigin, parseForm, abuse.submit);
  router.get('/reports/:ref/abuse/sent', abuse.sent);

  router.get(BASE, view, queue.show);
  router.post(`${BASE}/abuse/:id/keep`, ...change, queue.keep);
  router.get(`${BASE}/abuse/:id/hide`, view, hide.abuseForm);
  router.post(`${BASE}/abuse/:id/hide`, ...change, hide.abuseHide);
  router.get(`${BASE}/hidden`, view, queue.hidden);
  router.get(`${BASE}/reports`, view, queue.find);
  router.get(REPORT, view, hide.overview);
  router.get(`${REPORT}/hide`, view, hide.form);
  router.post(`${REPORT}/hide`, ...change, hide.hide);
  router.post(`${REPORT}/unhide`, ...change, hide.unhide);
  router.get(`${PART}/hide`, view, hide.form);
  router.post(`${PART}/hide`, ...change, hide.hide);
  router.post(`${PART}/unhide`, ...change, hide.unhide);
  router.get(`${REPORT}/photos/:id/image`, view, photos.image);
  router.get(`${REPORT}/photos/:id/thumb`, view, photos.thumb);
  router.get(`${BASE}/bans`, view, bans.show);
  router.post(`${BASE}/bans`, ...change, bans.add);
  router.post(`${BASE}/bans/:id/lift`, ...change, bans.lift);
  return router;
}
