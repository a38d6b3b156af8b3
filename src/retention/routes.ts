import { Router, type Request, type Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { normaliseRef } from '../reports/refs.js';
import type { Services } from '../services.js';
import { checkCsrf, requireStaff } from '../staff/session.js';
import type { StaffUser } from '../staff/types.js';
import { cleanAddress } from '../web/clean-text.js';
import { errorSummary } from '../web/error-summary.js';
import { NotFoundError } from '../web/errors.js';
import { ownPageOnly } from '../web/own-page-only.js';
import { parseForm } from '../web/uploads.js';
import { typedAddress, type AddressFiled, type AddressTaken } from './address-erasure.js';
import { ADDRESS_EXPORT_FORMATS, type AddressExportFormat } from './address-export.js';
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

type AddressDeps = Pick<Services, 'addressErasure'>;
type AddressErrors = Record<string, { key: string }[]>;

/**
 * A count from the result's URL (`?follows=2&alerts=1&emails=3&unconfirmedReports=0&pendingAddresses=1`),
 * or null when there is none.
 */
const countOf = (value: unknown): number | null =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null;

/**
 * An administrator erases, on a resident's request, every follow of reports and every alert
 * subscription of one email address: they type it, see how many there are, tick a box and erase.
 * The address travels only in POST bodies, never in a URL, and is never logged.
 */
export function addressErasureRoutes({ addressErasure }: AddressDeps): Router {
  const router = Router();
  const admin = requireStaff('admin');
  const path = '/staff/admin/erase-subscriber';

  const render = (
    res: Response,
    status: number,
    locals: {
      email: string;
      errors?: AddressErrors;
      holds?: AddressTaken;
      filed?: AddressFiled;
      removed?: AddressTaken;
    },
  ) => {
    const t = res.locals.t as Translate;
    const errors = locals.errors ?? {};
    const failed = Object.keys(errors).length > 0;
    res.status(status).render('admin/erase-subscriber', {
      title: `${failed ? `${t('staff.errorPrefix')} ` : ''}${t('admin.eraseSubscriber.title')}`,
      staffCurrent: 'admin',
      values: { email: locals.email },
      errors,
      holds: locals.holds ?? null,
      filed: locals.filed ?? null,
      removed: locals.removed ?? null,
    });
  };
  const typed = (req: Request) => {
    const email = (req.body as Record<string, unknown> | undefined)?.email;
    return typeof email === 'string' ? cleanAddress(email).slice(0, 254) : '';
  };
  const badAddress = (res: Response, email: string) =>
    render(res, 422, {
      email,
      errors: { email: [{ key: email ? 'admin.errors.email' : 'admin.errors.required' }] },
    });

  router.get(path, admin, (req, res) => {
    const follows = countOf(req.query.follows);
    const alerts = countOf(req.query.alerts);
    const emails = countOf(req.query.emails);
    if (follows === null || alerts === null || emails === null) return render(res, 200, { email: '' });
    // None when the link does not say (a result's link from before they were counted).
    const unconfirmedReports = countOf(req.query.unconfirmedReports) ?? 0;
    const pendingAddresses = countOf(req.query.pendingAddresses) ?? 0;
    render(res, 200, {
      email: '',
      removed: { follows, alerts, emails, unconfirmedReports, pendingAddresses },
    });
  });
  // What the address has, and what it filed (each erased on its own page).
  const found = async (user: StaffUser, address: string) => ({
    holds: await addressErasure.holds(user, address),
    filed: await addressErasure.filed(user, address),
  });
  // The address typed: what it has is shown, and the box to tick before it goes.
  router.post(path, admin, parseForm, checkCsrf, async (req, res) => {
    const email = typed(req);
    const address = typedAddress(email);
    if (!address) return badAddress(res, email);
    render(res, 200, { email, ...(await found(req.staff as StaffUser, address)) });
  });
  // The resident's copy of what is kept about the address (GDPR art. 15). A POST, as the address is
  // never in a URL; from the workspace's own page only, as every download the audit log records.
  router.post(`${path}/export`, admin, ownPageOnly, parseForm, checkCsrf, async (req, res) => {
    const email = typed(req);
    const address = typedAddress(email);
    if (!address) return badAddress(res, email);
    const asked = (req.body as Record<string, unknown>).format;
    const format = ADDRESS_EXPORT_FORMATS.find((known) => known === asked) as AddressExportFormat | undefined;
    if (!format) throw new NotFoundError();
    const file = await addressErasure.export(req.staff as StaffUser, address, format, req.ip ?? 'unknown');
    res
      .status(200)
      .type(file.contentType)
      .set({
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
      })
      .send(file.body);
  });
  router.post(`${path}/confirm`, admin, parseForm, checkCsrf, async (req, res) => {
    const email = typed(req);
    const address = typedAddress(email);
    if (!address) return badAddress(res, email);
    const user = req.staff as StaffUser;
    // The box must be ticked, so a stray or repeated post erases nothing.
    if ((req.body as Record<string, unknown>).confirm !== '1')
      return render(res, 422, {
        email,
        ...(await found(user, address)),
        errors: { confirm: [{ key: 'admin.eraseSubscriber.unconfirmed' }] },
      });
    const removed = await addressErasure.erase(user, address, req.ip ?? 'unknown');
    const { follows, alerts, emails, unconfirmedReports, pendingAddresses } = removed;
    // What it never proved is said only when there was some: most addresses only follow or subscribe.
    const unproven = [
      unconfirmedReports > 0 ? `&unconfirmedReports=${unconfirmedReports}` : '',
      pendingAddresses > 0 ? `&pendingAddresses=${pendingAddresses}` : '',
    ].join('');
    res.redirect(303, `${path}?follows=${follows}&alerts=${alerts}&emails=${emails}${unproven}`);
  });
  return router;
}
