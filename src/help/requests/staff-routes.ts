import { Router, type Request, type Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import { normaliseRef } from '../../reports/refs.js';
import type { Services } from '../../services.js';
import { noParishGuard } from '../../staff/no-parish.js';
import { checkCsrf, requireStaff } from '../../staff/session.js';
import type { StaffUser } from '../../staff/types.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { toCsv } from './export.js';
import {
  DETAIL_FIELDS,
  detailsSchema,
  emptyRequestValues,
  requestValues,
  type RequestValues,
} from './schema.js';
import { detailChoices, formErrors, helpRequestView, noErrors } from './view.js';
import { ownPageOnly } from '../../web/own-page-only.js';

type Deps = Pick<Services, 'config' | 'staffHelpRequests' | 'staff'>;

const user = (req: Request) => req.staff as StaffUser;
const ip = (req: Request) => req.ip ?? 'unknown';
const refOf = (req: Request) => {
  const ref = normaliseRef(req.params.ref);
  if (!ref) throw new NotFoundError();
  return ref;
};
const back = (res: Response, ref: string, done: string) =>
  res.redirect(303, `/staff/reports/${ref}?done=${done}`);

/** What the social worker does with requests: make one of a private report, tell, export, erase. */
class StaffHelpRequestPages {
  constructor(private readonly deps: Deps) {}

  newForm = async (req: Request, res: Response) => {
    const report = await this.deps.staffHelpRequests.convertible(user(req), refOf(req));
    // No language ticked: without JavaScript a tick for the reporter stays when "someone else" is
    // chosen. One for the reporter with none ticked is taken in the language they reported in.
    this.renderNew(res, 200, report, emptyRequestValues(), noErrors());
  };

  create = async (req: Request, res: Response) => {
    const ref = refOf(req);
    const report = await this.deps.staffHelpRequests.convertible(user(req), ref);
    const values = requestValues((req.body ?? {}) as Record<string, unknown>);
    const parsed = detailsSchema(this.deps.config.inboundDomain, report.language).safeParse(values);
    if (!parsed.success)
      return this.renderNew(res, 422, report, values, formErrors(parsed.error.issues, DETAIL_FIELDS));
    await this.deps.staffHelpRequests.convert(user(req), ref, parsed.data, ip(req));
    back(res, ref, 'helpRequestMade');
  };

  told = async (req: Request, res: Response) => {
    const ref = refOf(req);
    await this.deps.staffHelpRequests.recordTold(user(req), ref, ip(req));
    back(res, ref, 'helpSubjectTold');
  };

  exportJson = async (req: Request, res: Response) => {
    const ref = refOf(req);
    const data = await this.deps.staffHelpRequests.exportData(user(req), ref, 'json', ip(req));
    res
      .attachment(`${ref}.json`)
      .type('application/json')
      .send(`${JSON.stringify(data, null, 2)}\n`);
  };

  exportCsv = async (req: Request, res: Response) => {
    const ref = refOf(req);
    const data = await this.deps.staffHelpRequests.exportData(user(req), ref, 'csv', ip(req));
    res.attachment(`${ref}.csv`).type('text/csv; charset=utf-8').send(toCsv(data));
  };

  confirmErase = async (req: Request, res: Response) => {
    await this.renderErase(req, res, 200, false);
  };

  erase = async (req: Request, res: Response) => {
    const ref = refOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The confirm step: the box must be ticked, so a stray or repeated post erases nothing.
    if (body.confirm !== 'yes') return this.renderErase(req, res, 422, true);
    await this.deps.staffHelpRequests.erase(user(req), ref, ip(req));
    back(res, ref, 'helpErased');
  };

  private renderNew(
    res: Response,
    status: number,
    report: { ref: string; title: string },
    values: RequestValues,
    errors: ReturnType<typeof formErrors>,
  ) {
    const t = res.locals.t as Translate;
    const failed = errors.errorSummary.length > 0;
    res.status(status).render('help/requests/staff-new', {
      title: `${failed ? `${t('reportForm.errorPrefix')} ` : ''}${t('helpRequest.staff.new.title', { ref: report.ref })}`,
      staffCurrent: 'queue',
      report,
      ...detailChoices(t),
      ...errors,
      values,
    });
  }

  private async renderErase(req: Request, res: Response, status: number, unconfirmed: boolean) {
    const t = res.locals.t as Translate;
    const { report, details } = await this.deps.staffHelpRequests.request(user(req), refOf(req));
    const errors = unconfirmed
      ? formErrors(
          [],
          ['confirm'],
          [{ field: 'confirm', message: { key: 'helpRequest.staff.erase.unconfirmed' } }],
        )
      : noErrors();
    res.status(status).render('help/requests/staff-erase', {
      title: `${unconfirmed ? `${t('reportForm.errorPrefix')} ` : ''}${t('helpRequest.staff.erase.title', { ref: report.ref })}`,
      staffCurrent: 'queue',
      report,
      help: helpRequestView(details, t, req.language),
      ...errors,
    });
  }
}

/** The staff workspace's pages of requests for help (under /staff/help/requests). */
export function staffHelpRequestRoutes(services: Deps): Router {
  const pages = new StaffHelpRequestPages(services);
  const router = Router();
  const social = requireStaff('admin', 'social_worker');
  const base = '/staff/help/requests/:ref';
  // A form sent by a social worker of no parish yet (an old page) does nothing, and says why.
  const post = [
    social,
    parseForm,
    checkCsrf,
    noParishGuard(services.staff, { titleKey: 'helpMatch.hub.title', staffCurrent: 'help' }, 403),
  ];
  router.get(`${base}/new`, social, pages.newForm);
  router.post(`${base}/new`, ...post, pages.create);
  router.post(`${base}/told`, ...post, pages.told);
  router.get(`${base}/export.json`, social, ownPageOnly, pages.exportJson);
  router.get(`${base}/export.csv`, social, ownPageOnly, pages.exportCsv);
  router.get(`${base}/erase`, social, pages.confirmErase);
  router.post(`${base}/erase`, ...post, pages.erase);
  return router;
}
