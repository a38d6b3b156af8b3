import { Router, type Request, type RequestHandler, type Response } from 'express';
import { officeRole, officeWords } from '../contacts/office-role.js';
import type { Translate } from '../i18n/index.js';
import { privateReaders } from '../reports/private-readers.js';
import type { ConfirmResult } from '../reports/service.js';
import type { Services } from '../services.js';
import { parseForm } from '../web/uploads.js';

type Deps = Pick<Services, 'reports' | 'routing' | 'links'>;
type ConfirmRequest = Request<{ token: string }>;

/**
 * The links in confirmation emails. The GET changes nothing: mail scanners and link previews
 * fetch every link in a message, and must not confirm a report by doing so. It reads the token,
 * though: a link that would confirm shows a button whose POST does it; any other shows at once
 * what pressing would have said (already confirmed, expired, or not working).
 */
export function confirmRoutes(services: Deps, sameOrigin: RequestHandler): Router {
  const router = Router();
  // These pages carry a token in their address (and the confirmed page a private link): no cache
  // along the way may keep them.
  router.use('/reports/confirm', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/reports/confirm/:token', showHandler(services));
  router.post('/reports/confirm/:token', sameOrigin, parseForm, confirmHandler(services));
  return router;
}

function showHandler(deps: Deps) {
  return async function showConfirm(req: ConfirmRequest, res: Response) {
    const link = await deps.reports.checkConfirm(String(req.params.token));
    if (link.outcome === 'pending')
      return res.render('reports/confirm', {
        action: `/reports/confirm/${encodeURIComponent(req.params.token)}`,
      });
    await renderOutcome(deps, res, link);
  };
}

function confirmHandler(deps: Deps) {
  return async function confirm(req: ConfirmRequest, res: Response) {
    await renderOutcome(deps, res, await deps.reports.confirm(String(req.params.token)));
  };
}

/**
 * The page of what a link did (or, on GET, did before): the same whichever way it was reached. The
 * reporter's private link is shown once, as the link confirms: a link opened again (a forwarded
 * email, a browser's history) says where that private link went, never the link itself.
 */
async function renderOutcome({ routing, links }: Deps, res: Response, result: ConfirmResult) {
  if (result.outcome === 'confirmed' || result.outcome === 'already') {
    const { report } = result;
    const t = res.locals.t as Translate;
    const first = result.outcome === 'confirmed';
    const recipients = await routing.recipients(report.id);
    res.render('reports/confirmed', {
      outcome: result.outcome,
      ref: report.ref,
      // Each office by its official name and the role it is named by (Viļāni's is a town's
      // administration): in English and Russian the role first, as the email that follows says it.
      recipients: recipients.map(({ name, role, parishType }) => ({
        name,
        ...officeWords(
          t,
          'reportForm.confirmed.office',
          t(`placePage.roles.${officeRole(role, parishType)}`),
        ),
      })),
      // Who reads a private one (staff may have made it private since it was confirmed).
      readers: report.isPrivate ? privateReaders(recipients) : null,
      // A held report (its sender is banned) is on no public page until staff release it.
      publicUrl: report.isPrivate || report.heldAt ? null : links.report(report.ref),
      privateUrl: first ? links.reporterPage(report.ref) : null,
      held: report.heldAt !== null,
    });
    return;
  }
  // A withdrawn report is gone as far as the link is concerned: the same page as a forged token.
  const expired = result.outcome === 'expired';
  res.status(expired ? 410 : 404).render('reports/confirm-failed', { expired });
}
