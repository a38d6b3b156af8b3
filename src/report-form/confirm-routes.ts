import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Services } from '../services.js';
import { parseForm } from '../web/uploads.js';

type Deps = Pick<Services, 'reports' | 'routing' | 'links'>;

/**
 * The links in confirmation emails. The GET only shows a button and changes nothing: mail scanners
 * and link previews fetch every link in a message, and must not confirm a report by doing so. The
 * token is read only by the POST, which the button sends.
 */
export function confirmRoutes(services: Deps, sameOrigin: RequestHandler): Router {
  const router = Router();
  // These pages carry a token in their address (and the confirmed page a private link): no cache
  // along the way may keep them.
  router.use('/reports/confirm', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/reports/confirm/:token', showConfirm);
  router.post('/reports/confirm/:token', sameOrigin, parseForm, confirmHandler(services));
  return router;
}

function showConfirm(req: Request<{ token: string }>, res: Response) {
  res.render('reports/confirm', { action: `/reports/confirm/${encodeURIComponent(req.params.token)}` });
}

function confirmHandler({ reports, routing, links }: Deps) {
  return async function confirm(req: Request<{ token: string }>, res: Response) {
    const result = await reports.confirm(String(req.params.token));
    if (result.outcome === 'confirmed' || result.outcome === 'already') {
      const { report } = result;
      res.render('reports/confirmed', {
        outcome: result.outcome,
        ref: report.ref,
        recipients: await routing.recipients(report.id),
        // A held report (its sender is banned) is on no public page until staff release it.
        publicUrl: report.isPrivate || report.heldAt ? null : links.report(report.ref),
        privateUrl: links.reporterPage(report.ref),
        held: report.heldAt !== null,
      });
      return;
    }
    // A withdrawn report is gone as far as the link is concerned: the same page as a forged token.
    const expired = result.outcome === 'expired';
    res.status(expired ? 410 : 404).render('reports/confirm-failed', { expired });
  };
}
