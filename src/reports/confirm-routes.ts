import { Router, type RequestHandler } from 'express';
import type { Services } from '../app.js';
import { parseForm } from '../web/uploads.js';

/**
 * The links in confirmation emails. The GET only shows a button and changes nothing: mail scanners
 * and link previews fetch every link in a message, and must not confirm a report by doing so. The
 * token is read only by the POST, which the button sends.
 */
export function confirmRoutes(services: Services, sameOrigin: RequestHandler): Router {
  const { reports, reportRepository, links } = services;
  const router = Router();
  // These pages carry a token in their address (and the confirmed page a private link): no cache
  // along the way may keep them.
  router.use(['/reports/confirm', '/subscriptions/confirm'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/reports/confirm/:token', (req, res) => {
    res.render('reports/confirm', { action: `/reports/confirm/${encodeURIComponent(req.params.token)}` });
  });

  router.post('/reports/confirm/:token', sameOrigin, parseForm, async (req, res) => {
    const result = await reports.confirm(String(req.params.token));
    if (result.outcome === 'confirmed' || result.outcome === 'already') {
      const { report } = result;
      res.render('reports/confirmed', {
        outcome: result.outcome,
        ref: report.ref,
        recipients: await reportRepository.recipients(report.id),
        publicUrl: report.isPrivate ? null : links.report(report.ref),
        privateUrl: links.reporterPage(report.ref),
      });
      return;
    }
    // A withdrawn report is gone as far as the link is concerned: the same page as a forged token.
    const expired = result.outcome === 'expired';
    res.status(expired ? 410 : 404).render('reports/confirm-failed', { expired });
  });

  router.get('/subscriptions/confirm/:token', (req, res) => {
    res.render('subscriptions/confirm', {
      action: `/subscriptions/confirm/${encodeURIComponent(req.params.token)}`,
    });
  });

  router.post('/subscriptions/confirm/:token', sameOrigin, parseForm, async (req, res) => {
    const result = await reports.confirmSubscription(String(req.params.token));
    if (result.outcome === 'confirmed' && result.ref) {
      res.render('subscriptions/confirmed', { ref: result.ref, reportUrl: `/reports/${result.ref}` });
      return;
    }
    const expired = result.outcome === 'expired';
    res.status(expired ? 410 : 404).render('subscriptions/failed', { expired });
  });

  return router;
}
