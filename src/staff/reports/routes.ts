import { Router, type Request, type Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import { normaliseRef } from '../../reports/refs.js';
import { STATUSES } from '../../reports/types.js';
import type { Services } from '../../services.js';
import { cleanLine } from '../../web/clean-text.js';
import { helpPanel } from '../../help/requests/view.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { checkCsrf, requireStaff } from '../session.js';
import type { StaffUser } from '../types.js';
import { StaffActionError } from './action-kit.js';
import {
  assignForm,
  FormProblem,
  intakeForm,
  moveForm,
  parse,
  privacyForm,
  problems,
  typed,
  updateForm,
} from './forms.js';
import { QUEUE_PAGE, type QueueFilters } from './service.js';
import { STAFF_STATUSES, detailView, queueView, referenceNames } from './view.js';

type Deps = Pick<
  Services,
  | 'helpTitles'
  | 'staffReports'
  | 'staffActions'
  | 'staffIntake'
  | 'staffInbound'
  | 'heldReports'
  | 'reference'
  | 'links'
  | 'helpRequests'
>;
type FormState = { form: string; values: Record<string, string>; error: string };

const HANDLERS = ['admin', 'social_worker', 'parish_clerk'] as const;
const one = (value: unknown) => (typeof value === 'string' ? cleanLine(value) : undefined);
const ip = (req: Request) => req.ip ?? 'unknown';
const user = (req: Request) => req.staff as StaffUser;

function queueFilters(query: Request['query']): QueueFilters {
  const status = one(query.status);
  const page = Number(one(query.page) ?? 1);
  return {
    status:
      status === 'all' || (STATUSES as readonly string[]).includes(status ?? '')
        ? (status as QueueFilters['status'])
        : 'active',
    parish: one(query.parish) || undefined,
    category: one(query.category) || undefined,
    assigned: one(query.assigned) === 'me' ? 'me' : one(query.assigned) === 'nobody' ? 'nobody' : undefined,
    visibility:
      one(query.visibility) === 'private'
        ? 'private'
        : one(query.visibility) === 'public'
          ? 'public'
          : undefined,
    overdue: one(query.overdue) === '1',
    q: one(query.q)?.slice(0, 100) || undefined,
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

/** The queue, a report's page and what staff do on it, and taking a report for a resident. */
class StaffReportPages {
  constructor(private readonly deps: Deps) {}

  queue = async (req: Request, res: Response) => {
    if (user(req).role === 'moderator') return res.redirect(303, '/staff/moderation');
    const t = res.locals.t as Translate;
    const filters = queueFilters(req.query);
    const [result, names, mailWaiting] = await Promise.all([
      this.deps.staffReports.queue(user(req), filters),
      referenceNames(this.deps.reference, req.language),
      this.deps.staffInbound.waitingCount(user(req)),
    ]);
    res.render('staff/queue', {
      title: t('staff.queue.title'),
      staffCurrent: 'queue',
      filters,
      items: queueView(result.items, names, t, req.language, this.deps.helpTitles),
      total: result.total,
      counts: result.counts,
      pages: Math.max(1, Math.ceil(result.total / QUEUE_PAGE)),
      names,
      statuses: STAFF_STATUSES,
      mailWaiting,
    });
  };

  report = async (req: Request, res: Response) => {
    await this.renderReport(req, res, 200);
  };

  private async renderReport(req: Request, res: Response, status: number, form?: FormState) {
    const ref = normaliseRef(req.params.ref);
    if (!ref) throw new NotFoundError();
    const t = res.locals.t as Translate;
    const [view, names] = await Promise.all([
      this.deps.staffReports.detail(user(req), ref),
      referenceNames(this.deps.reference, req.language),
    ]);
    const templates = view.report.routedAt
      ? await this.deps.staffReports.templatesFor(view.report.categoryCode)
      : [];
    const chosen = templates.find((template) => String(template.id) === one(req.query.template));
    const colleagues = view.canHandle ? await this.deps.staffReports.colleagues(user(req), view.report) : [];
    // A request for help shows its details (and, for the social worker, its matching and data).
    const details = await this.deps.helpRequests.detailsFor(view.report.id);
    // A request's title is Tilts's words: said in the reader's language, marked as such.
    const heading = details
      ? { text: this.deps.helpTitles.in(view.report.title, req.language), language: req.language }
      : { text: view.report.title, language: view.report.language };
    const help = helpPanel(details, {
      t,
      language: req.language,
      report: view.report,
      user: user(req),
      canHandle: view.canHandle,
    });
    res.status(status).render('staff/reports/show', {
      title: `${form ? `${t('staff.errorPrefix')} ` : ''}${view.report.ref}: ${heading.text}`,
      heading,
      staffCurrent: 'queue',
      view: detailView(view, { t, names, language: req.language, links: this.deps.links }),
      names,
      statuses: STAFF_STATUSES,
      templates,
      colleagues,
      help,
      form: form ?? { form: '', values: chosen ? { publicText: chosen.body } : {}, error: '' },
      done: one(req.query.done),
    });
  }

  private act(form: string, fields: readonly string[], run: (req: Request) => Promise<void>) {
    return async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      try {
        await run(req);
      } catch (error) {
        const key =
          error instanceof StaffActionError
            ? `staff.report.errors.${error.code}`
            : error instanceof FormProblem
              ? error.key
              : undefined;
        if (!key) throw error;
        return this.renderReport(req, res, 422, { form, values: typed(body, fields), error: key });
      }
      res.redirect(303, `/staff/reports/${normaliseRef(req.params.ref)}?done=${form}`);
    };
  }

  update = this.act(
    'update',
    ['status', 'closeReason', 'duplicateOf', 'publicText', 'internalNote'],
    async (req) => {
      const data = parse(updateForm, req.body);
      await this.deps.staffActions.update(
        user(req),
        normaliseRef(req.params.ref) ?? '',
        {
          status: data.status,
          closeReason: data.closeReason,
          duplicateOf: data.duplicateOf,
          publicText: data.publicText || undefined,
          internalNote: data.internalNote || undefined,
        },
        ip(req),
      );
    },
  );

  move = this.act('move', ['category', 'parish'], async (req) => {
    const data = parse(moveForm, req.body);
    await this.deps.staffActions.move(
      user(req),
      normaliseRef(req.params.ref) ?? '',
      { categoryCode: data.category, parishCode: data.parish },
      ip(req),
    );
  });

  privacy = this.act('privacy', ['make', 'reason'], async (req) => {
    const data = parse(privacyForm, req.body);
    await this.deps.staffActions.setPrivacy(
      user(req),
      normaliseRef(req.params.ref) ?? '',
      { private: data.make === 'private', reason: data.reason || undefined },
      ip(req),
    );
  });

  assign = this.act('assign', ['staffId'], async (req) => {
    const data = parse(assignForm, req.body);
    await this.deps.staffActions.assign(user(req), normaliseRef(req.params.ref) ?? '', data.staffId, ip(req));
  });

  release = this.act('release', [], async (req) => {
    await this.deps.heldReports.release(user(req), normaliseRef(req.params.ref) ?? '', ip(req));
  });

  newReport = async (req: Request, res: Response) => {
    await this.renderIntake(req, res, 200, {
      values: { source: 'phone', language: 'lv' },
      errors: [],
      taken: normaliseRef(req.query.taken) ?? undefined,
    });
  };

  takeReport = async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = intakeForm.safeParse(body);
    const values = typed(body, Object.keys(intakeForm.shape));
    if (!parsed.success) return this.renderIntake(req, res, 422, { values, errors: problems(parsed.error) });
    const data = parsed.data;
    try {
      const { report, visible } = await this.deps.staffIntake.take(
        user(req),
        {
          source: data.source,
          categoryCode: data.category,
          parishCode: data.parish,
          title: data.title,
          description: data.description,
          location: data.location,
          name: data.name,
          email: data.email || null,
          phone: data.phone || null,
          language: data.language,
        },
        ip(req),
      );
      // A request for help a clerk took goes to the social worker only: the clerk is told so here.
      res.redirect(
        303,
        visible ? `/staff/reports/${report.ref}?done=taken` : `/staff/reports/new?taken=${report.ref}`,
      );
    } catch (error) {
      if (!(error instanceof StaffActionError)) throw error;
      return this.renderIntake(req, res, 422, {
        values,
        errors: [{ field: error.code, key: `staff.report.errors.${error.code}` }],
      });
    }
  };

  private async renderIntake(
    req: Request,
    res: Response,
    status: number,
    state: {
      values: Record<string, string>;
      errors: { field: string; key: string }[];
      /** A report just taken that its taker cannot open (a request for help, for the social worker). */
      taken?: string;
    },
  ) {
    const t = res.locals.t as Translate;
    const names = await referenceNames(this.deps.reference, req.language);
    const parishes = names.apvienibas
      .map((apvieniba) => ({
        ...apvieniba,
        parishes: apvieniba.parishes.filter(
          (parish) => user(req).parishes === 'all' || user(req).parishes.includes(parish.code),
        ),
      }))
      .filter((apvieniba) => apvieniba.parishes.length > 0);
    res.status(status).render('staff/reports/new', {
      title: `${state.errors.length > 0 ? `${t('staff.errorPrefix')} ` : ''}${t('staff.intake.title')}`,
      staffCurrent: 'new-report',
      values: state.values,
      errors: state.errors,
      taken: state.taken ?? null,
      categories: names.categories.filter((category) => category.active),
      apvienibas: parishes,
    });
  }
}

export function staffReportRoutes(deps: Deps): Router {
  const pages = new StaffReportPages(deps);
  const router = Router();
  const handler = requireStaff(...HANDLERS);
  router.get('/staff', requireStaff(), pages.queue);
  router.get('/staff/reports/new', handler, pages.newReport);
  router.post('/staff/reports', handler, parseForm, checkCsrf, pages.takeReport);
  // Moderators may read a public report here too; the page offers them no action.
  router.get('/staff/reports/:ref', requireStaff(), pages.report);
  router.post('/staff/reports/:ref/update', handler, parseForm, checkCsrf, pages.update);
  router.post('/staff/reports/:ref/move', handler, parseForm, checkCsrf, pages.move);
  router.post('/staff/reports/:ref/privacy', handler, parseForm, checkCsrf, pages.privacy);
  router.post('/staff/reports/:ref/assign', handler, parseForm, checkCsrf, pages.assign);
  router.post('/staff/reports/:ref/release', handler, parseForm, checkCsrf, pages.release);
  return router;
}
