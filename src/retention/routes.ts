import { Router, type Request, type Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { normaliseRef } from '../reports/refs.js';
import type { Services } from '../services.js';
import { checkCsrf, requireStaff } from '../staff/session.js';
import type { StaffUser } from '../staff/types.js';
import { errorSummary } from '../web/error-summary.js';
import { NotFoundError } from '../web/errors.js';
import { parseForm } from '../web/uploads.js';
import { hasReporter } from './reporter-erasure.js';

type Deps = Pick<Services, 'reporterErasure'>;

const refOf = (req: Request) => {
  const ref = normaliseRef(String(req.params.ref));
  if (!ref) throw new NotFoundError();
  return ref;
};

/** An administrator erases a public report's reporter on their request: a page that asks first. */
export function reporterErasureRoutes({ reporterErasure }: Deps): Router {
  const router = Router();
  const admin = requireStaff('admin');
  const path = '/staff/admin/reports/:ref/erase-reporter';

  const render = async (req: Request, res: Response, status: number, unconfirmed: boolean) => {
    const t = res.locals.t as Translate;
    const report = await reporterErasure.report(req.staff as StaffUser, refOf(req));
    const errors = unconfirmed ? { confirm: [{ key: 'staff.eraseReporter.unconfirmed' }] } : {};
    res.status(status).render('staff/reports/erase-reporter', {
      title: `${unconfirmed ? `${t('reportForm.errorPrefix')} ` : ''}${t('staff.eraseReporter.title', { ref: report.ref })}`,
      staffCurrent: 'queue',
      report,
      present: hasReporter(report),
      errors,
      errorSummary: errorSummary(errors, ['confirm']),
    });
  };

  router.get(path, admin, (req, res) => render(req, res, 200, false));
  router.post(path, admin, parseForm, checkCsrf, async (req, res) => {
    // The box must be ticked, so a stray or repeated post erases nothing.
    if ((req.body as Record<string, unknown> | undefined)?.confirm !== 'yes')
      return render(req, res, 422, true);
    const ref = refOf(req);
    // Nothing left to erase (a second press, or another admin was first): the page says so.
    if (!(await reporterErasure.erase(req.staff as StaffUser, ref, req.ip ?? 'unknown')))
      return render(req, res, 200, false);
    res.redirect(303, `/staff/reports/${ref}?done=reporterErased`);
  });
  return router;
}
