import { Router, type Request, type Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import { normaliseRef } from '../../reports/refs.js';
import { canStaffMove } from '../../reports/states.js';
import type { Report } from '../../reports/types.js';
import type { Services } from '../../services.js';
import { cleanLine } from '../../web/clean-text.js';
import { doneNotice } from '../../web/done-notice.js';
import { helpPanel } from '../../help/requests/view.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { canMakePublic } from '../access.js';
import { checkCsrf, clientIp as ip, requireStaff, staffUser as user } from '../session.js';
import { fieldId, refusal } from './form-errors.js';
import { assignForm, moveForm, parse, privacyForm, typed, updateForm } from './forms.js';
import { queuePage } from './queue-routes.js';
import { StaffIntakePages } from './intake-routes.js';
import { STAFF_STATUSES, detailView, referenceNames } from './view.js';

type Deps = Pick<
  Services,
  | 'config'
  | 'helpTitles'
  | 'staffReports'
  | 'staffActions'
  | 'staffIntake'
  | 'staffInbound'
  | 'heldReports'
  | 'reference'
  | 'links'
  | 'helpRequests'
  | 'staff'
  | 'clock'
>;
/** A form sent back: its name, what was typed, its error's key (and what it names) and the field it is in. */
type FormState = {
  form: string;
  values: Record<string, string>;
  error: string;
  vars?: Record<string, string> | undefined;
  field?: string | undefined;
};
const UPDATE_FIELDS = ['status', 'closeReason', 'duplicateOf', 'publicText', 'internalNote'] as const;

const HANDLERS = ['admin', 'social_worker', 'parish_clerk'] as const;
/** What a report's page says was done: its own forms, taking a report, and the help request's forms. */
const DONE = [
  'update',
  'updateRepeated',
  'move',
  'privacy',
  'assign',
  'assignUnchanged',
  'release',
  'taken',
  'helpRequestMade',
  'helpSubjectTold',
  'helpErased',
  'reporterErased',
] as const;

const hrefOf = (form: FormState) => {
  const id = fieldId(form.form, form.field);
  return id ? `#${id}` : undefined;
};

/** The report a form is about, as its address names it ('' finds none). */
const refOf = (req: Request) => normaliseRef(req.params.ref) ?? '';

const one = (value: unknown) => (typeof value === 'string' ? cleanLine(value) : undefined);

/** A report's page and what staff do on it. */
class StaffReportPages {
  constructor(private readonly deps: Deps) {}

  report = async (req: Request, res: Response) => {
    await this.renderReport(req, res, 200);
  };

  /**
   * The report's page. `form` is a form sent back (with its error, or after a template was chosen
   * in it); `templateId` is the answer template chosen by the form's button, else by `?template=`.
   */
  private async renderReport(
    req: Request,
    res: Response,
    status: number,
    form?: FormState,
    templateId?: string,
  ) {
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
    const chosen = templates.find(
      (template) => String(template.id) === (templateId ?? one(req.query.template)),
    );
    // Chosen in a form with things typed in it: they stay, and the template's words follow the answer.
    if (form && chosen) {
      const typedAnswer = form.values.publicText?.trim() ?? '';
      form.values.publicText = typedAnswer ? `${typedAnswer}\n\n${chosen.body}` : chosen.body;
    }
    const colleagues = view.canHandle
      ? await this.deps.staffReports.colleagues(user(req), view.report, view.recipients)
      : [];
    // A request for help shows its details (and, for the social worker, its matching and data).
    const details = await this.deps.helpRequests.detailsFor(view.report.id);
    // A request's title is Tilts's words: said in the reader's language, marked as such.
    const heading = details
      ? { text: this.deps.helpTitles.in(view.report.title, req.language), language: req.language }
      : { text: view.report.title, language: view.report.textLanguage };
    const help = helpPanel(details, {
      t,
      language: req.language,
      report: view.report,
      user: user(req),
      canHandle: view.canHandle,
    });
    res.status(status).render('staff/reports/show', {
      title: `${form?.error ? `${t('staff.errorPrefix')} ` : ''}${view.report.ref}: ${heading.text}`,
      heading,
      staffCurrent: 'queue',
      view: detailView(view, {
        t,
        names,
        language: req.language,
        links: this.deps.links,
        viewer: { staffId: user(req).id, now: this.deps.clock() },
      }),
      names,
      // Only where the report can go from its status now, as the update accepts (a closed one only
      // back to open): a status offered and then refused wasted the clerk's answer and time.
      statuses: STAFF_STATUSES.filter((one) => canStaffMove(view.report.status, one)),
      templates,
      colleagues,
      help,
      // An erased request keeps its status and rows, but the page says the person's data is gone.
      erased: Boolean(details?.erasedAt),
      // Offered only where it can be done: a request for help is never made public, and a clerk
      // makes nothing public; the page says which of the two stops it.
      ...(await this.privacyOffer(req, view.report, details !== undefined)),
      form: form ?? { form: '', values: chosen ? { publicText: chosen.body } : {}, error: '' },
      // The error said at the top, where a phone's screen is, linked to its field and focused.
      errorSummary: form?.error ? [{ key: form.error, vars: form.vars, href: hrefOf(form) }] : [],
      invalidId: form?.error ? fieldId(form.form, form.field) : undefined,
      templateChosen: chosen !== undefined,
      done: doneNotice(req.query.done, DONE),
    });
  }

  /** Whether the privacy form is offered on a private report, and if not, what the page says. */
  private async privacyOffer(req: Request, report: Report, isHelp: boolean) {
    if (!report.isPrivate) return { mayBePublic: true, staysPrivate: null };
    if (!(await this.deps.staffActions.mayBePublic(report, isHelp)))
      return { mayBePublic: false, staysPrivate: 'staff.report.errors.privateKind' };
    if (!canMakePublic(user(req))) return { mayBePublic: false, staysPrivate: 'staff.report.makePublicRole' };
    return { mayBePublic: true, staysPrivate: null };
  }

  /**
   * A form's handler: done, said by `?done=` (the form's name, or what `run` answers), or shown
   * again. `run` answers a whole address where the report's page is no longer the user's to see.
   */
  private act(
    form: string,
    fields: readonly string[],
    run: (req: Request) => Promise<(typeof DONE)[number] | { location: string } | void>,
  ) {
    return async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let done: string;
      try {
        const answer = (await run(req)) ?? form;
        if (typeof answer !== 'string') return res.redirect(303, answer.location);
        done = answer;
      } catch (error) {
        const refused = refusal(form, error, req.language);
        if (!refused) throw error;
        return this.renderReport(req, res, 422, { form, values: typed(body, fields), ...refused });
      }
      res.redirect(303, `/staff/reports/${normaliseRef(req.params.ref)}?done=${done}`);
    };
  }

  /**
   * The update form: saved, or, when one of its template buttons was pressed, shown again with
   * everything typed kept and the template's words added (the buttons work without JavaScript).
   */
  update = async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const template = one(body.useTemplate);
    if (!template) return this.applyUpdate(req, res);
    const values = typed(body, UPDATE_FIELDS);
    return this.renderReport(req, res, 200, { form: 'update', values, error: '' }, template);
  };

  private readonly applyUpdate = this.act('update', UPDATE_FIELDS, async (req) => {
    const data = parse(updateForm, req.body);
    // The same update sent again (Back, then Save) is saved once; the page says it already was.
    const saved = await this.deps.staffActions.update(
      user(req),
      refOf(req),
      {
        status: data.status,
        closeReason: data.closeReason,
        duplicateOf: data.duplicateOf,
        publicText: data.publicText || undefined,
        internalNote: data.internalNote || undefined,
      },
      ip(req),
    );
    return saved === 'repeated' ? 'updateRepeated' : undefined;
  });

  /**
   * Moved out of the mover's parishes (a clerk's to another parish), the report's page would be a
   * 404: the queue says where it went instead. One still seen (an admin's) shows its page.
   */
  move = this.act('move', ['category', 'parish'], async (req) => {
    const data = parse(moveForm, req.body);
    const ref = refOf(req);
    await this.deps.staffActions.move(
      user(req),
      ref,
      { categoryCode: data.category, parishCode: data.parish },
      ip(req),
    );
    const seen = await this.deps.staffReports.find(user(req), ref).then(
      () => true,
      (error: unknown) => {
        if (error instanceof NotFoundError) return false;
        throw error;
      },
    );
    if (seen) return undefined;
    // Not `category` nor `parish`: those would filter the queue.
    const query = new URLSearchParams({
      done: 'movedAway',
      ref,
      toCategory: data.category,
      toParish: data.parish,
    });
    return { location: `/staff?${query.toString()}` };
  });

  privacy = this.act('privacy', ['make', 'reason'], async (req) => {
    const data = parse(privacyForm, req.body);
    await this.deps.staffActions.setPrivacy(
      user(req),
      refOf(req),
      { private: data.make === 'private', reason: data.reason || undefined },
      ip(req),
    );
  });

  assign = this.act('assign', ['staffId'], async (req) => {
    const data = parse(assignForm, req.body);
    // The same assignment saved again changes nothing, and the page says so.
    const done = await this.deps.staffActions.assign(user(req), refOf(req), data.staffId, ip(req));
    return done === 'unchanged' ? 'assignUnchanged' : undefined;
  });

  release = this.act('release', [], async (req) => {
    await this.deps.heldReports.release(user(req), refOf(req), ip(req));
  });
}

export function staffReportRoutes(deps: Deps): Router {
  const pages = new StaffReportPages(deps);
  const intake = new StaffIntakePages(deps);
  const router = Router();
  const handler = requireStaff(...HANDLERS);
  router.get('/staff', requireStaff(), queuePage(deps));
  router.get('/staff/reports/new', handler, intake.newReport);
  router.post('/staff/reports', handler, parseForm, checkCsrf, intake.takeReport);
  // Moderators may read a public report here too; the page offers them no action.
  router.get('/staff/reports/:ref', requireStaff(), pages.report);
  router.post('/staff/reports/:ref/update', handler, parseForm, checkCsrf, pages.update);
  router.post('/staff/reports/:ref/move', handler, parseForm, checkCsrf, pages.move);
  router.post('/staff/reports/:ref/privacy', handler, parseForm, checkCsrf, pages.privacy);
  router.post('/staff/reports/:ref/assign', handler, parseForm, checkCsrf, pages.assign);
  router.post('/staff/reports/:ref/release', handler, parseForm, checkCsrf, pages.release);
  return router;
}
