import { Router, type Request, type Response } from 'express';
import type { Services } from '../app.js';
import { LANGUAGES, type Language, type Translate } from '../i18n/index.js';
import { NotFoundError } from '../web/errors.js';
import { languageUrl } from '../web/i18n.js';
import { parsePhotoForm } from '../web/uploads.js';
import { MAX_PHOTOS } from '../photos/service.js';
import {
  emptyActionForm,
  formToken,
  hasErrors,
  MAX_ACTION_TEXT,
  readActionForm,
  type ActionFormState,
} from './action-form.js';
import { listUrl, pageWindow, parseListQuery } from './list-query.js';
import { dateFormats, reportPageView, reporterActions, summaryView } from './page-view.js';
import { normaliseRef } from './refs.js';
import { PAGE_SIZE } from './repository.js';
import { ReportError } from './service.js';
import { PUBLIC_STATUSES, type Report, type ReportUpdate } from './types.js';

type Viewed = { report: Report; asReporter: boolean; timeline: ReportUpdate[] };

const DONE = ['comment', 'resolve', 'reopen', 'withdraw'] as const;
const HOUR_MS = 60 * 60 * 1000;
// Updates a reporter may add in an hour: to one report, and from one address (a village may share one).
const PER_REPORT = 6;
const PER_IP = 30;
const queryString = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The public list, a report's page, and the reporter's actions on it. */
export function reportPageRoutes(services: Services): Router {
  const router = Router();
  const { reports, reportUpdates, reference, links } = services;

  router.get('/reports', async (req, res) => {
    const t = res.locals.t as Translate;
    const [apvienibas, allCategories] = await Promise.all([reference.apvienibas(), reference.categories()]);
    // Private categories never have a public report, so offering them as a filter would mislead.
    const categories = allCategories.filter((category) => category.visibility === 'public');
    const parishes = apvienibas.flatMap((apvieniba) => apvieniba.parishes);
    const { filters, ignored } = parseListQuery(req.query, {
      parishes: new Set(parishes.map((parish) => parish.code)),
      apvienibas: new Set(apvienibas.map((apvieniba) => apvieniba.code)),
      categories: new Set(categories.map((category) => category.code)),
    });
    let result = await reports.listPublic(filters);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (filters.page > pages) {
      filters.page = pages;
      result = await reports.listPublic(filters);
    }
    const names = {
      category: (code: string) =>
        allCategories.find((item) => item.code === code)?.names[req.language] ?? code,
      parish: (code: string) => parishes.find((item) => item.code === code)?.names[req.language] ?? code,
    };
    const formats = dateFormats(req.language);
    res.render('reports/list', {
      title: t('reports.list.title'),
      navCurrent: 'reports',
      items: result.reports.map((summary) => summaryView(summary, names, t, formats)),
      total: result.total,
      filters,
      filtered: Boolean(
        filters.parish || filters.apvieniba || filters.category || filters.status || filters.q,
      ),
      ignored,
      apvienibas,
      categories,
      statuses: PUBLIC_STATUSES,
      pagination: {
        page: filters.page,
        pages,
        url: (page: number) => listUrl(filters, page),
        window: pageWindow(filters.page, pages),
      },
    });
  });

  async function withinActionLimits(req: Request, reportId: number): Promise<boolean> {
    const now = services.clock();
    const perReport = await services.limiter.hit(
      `reporter-action:report:${reportId}`,
      PER_REPORT,
      HOUR_MS,
      now,
    );
    const perIp = await services.limiter.hit(
      `reporter-action:ip:${req.ip ?? 'unknown'}`,
      PER_IP,
      HOUR_MS,
      now,
    );
    return perReport.allowed && perIp.allowed;
  }

  async function renderReport(
    req: Request,
    res: Response,
    viewed: Viewed,
    form?: ActionFormState,
    status = 422,
  ) {
    const t = res.locals.t as Translate;
    const token = viewed.asReporter
      ? (queryString(req.query.token) ?? formToken((req.body ?? {}) as Record<string, unknown>))
      : undefined;
    const report = await reportPageView({
      ...viewed,
      photos: await services.reportRepository.photos(viewed.report.id),
      language: req.language,
      t,
      reference,
      links,
    });
    const done = queryString(req.query.done);
    if (form && token)
      pointLanguagesAt(res, `/reports/${report.ref}?token=${encodeURIComponent(token)}`, req.language);
    res.status(form ? status : 200).render('reports/show', {
      title: form ? t('reports.actions.errorTitle', { title: report.title }) : report.title,
      report,
      asReporter: viewed.asReporter,
      token,
      actions: viewed.asReporter ? reporterActions(viewed.report) : undefined,
      done: viewed.asReporter && DONE.find((kind) => kind === done),
      form: form ?? emptyActionForm(),
      maxText: MAX_ACTION_TEXT,
      maxPhotos: MAX_PHOTOS,
    });
  }

  /** Finds the report a URL names, as this visitor may see it; anything else is a plain 404. */
  async function find(ref: string | undefined, token: string | undefined, res: Response): Promise<Viewed> {
    const viewed = ref ? await reports.view(ref, token) : undefined;
    if (!viewed) throw new NotFoundError();
    // A page that carries the reporter's token is for them alone: no cache may keep it.
    if (viewed.asReporter) res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    return viewed;
  }

  router.get('/reports/:ref', async (req, res) => {
    const ref = normaliseRef(req.params.ref);
    if (ref && ref !== req.params.ref) {
      // One address per report: `rzn-2026-00042` (as typed from a letter) goes to the canonical one.
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      res.redirect(301, `/reports/${ref}${query}`);
      return;
    }
    await renderReport(req, res, await find(ref, queryString(req.query.token), res));
  });

  router.get('/reports/:ref/withdraw', async (req, res) => {
    const viewed = await find(normaliseRef(req.params.ref), queryString(req.query.token), res);
    if (!viewed.asReporter || !reporterActions(viewed.report).withdraw) throw new NotFoundError();
    res.render('reports/withdraw', withdrawLocals(res, viewed.report, queryString(req.query.token)!, ''));
  });

  // No origin check here: the reporter's token in the body is itself an anti-forgery token, since a
  // page on another site cannot know it (and Chrome sends `Origin: null` under our no-referrer policy).
  router.post('/reports/:ref/actions', parsePhotoForm('photos'), async (req, res) => {
    const t = res.locals.t as Translate;
    const token = formToken((req.body ?? {}) as Record<string, unknown>);
    const viewed = await find(normaliseRef(req.params.ref), token, res);
    // A forged or missing token learns nothing, not even that the report exists.
    if (!viewed.asReporter || !token) throw new NotFoundError();

    const {
      action,
      confirmed,
      state: form,
    } = await readActionForm(req, { photos: services.photos, clock: services.clock, t });
    if (action === 'withdraw' && (form.errors.text || !confirmed)) {
      // Withdrawing is confirmed on a page of its own; its only field is the optional reason.
      pointLanguagesAt(res, withdrawUrl(viewed.report.ref, token), req.language);
      res
        .status(form.errors.text ? 422 : 200)
        .render('reports/withdraw', withdrawLocals(res, viewed.report, token, form.text, form.errors.text));
      return;
    }
    if (hasErrors(form) || !action) {
      await renderReport(req, res, viewed, form);
      return;
    }
    // Every comment is an email to the parish: a stream of them would bury the office. The form is
    // shown again with everything kept, to send later.
    if (!(await withinActionLimits(req, viewed.report.id))) {
      form.errors.form = t('reports.actions.errors.rateLimited');
      await renderReport(req, res, viewed, form, 429);
      return;
    }
    try {
      await reportUpdates.reporterAction(viewed.report.ref, token, {
        kind: action,
        text: form.text,
        photos: action === 'withdraw' ? [] : form.pending,
      });
    } catch (error) {
      if (!(error instanceof ReportError) || error.code === 'not_found') throw error;
      // Usually a second click on a stale page: the report has moved on since it was shown.
      form.errors.form = t('reports.actions.errors.notAllowed');
      await renderReport(req, res, (await reports.view(viewed.report.ref, token)) ?? viewed, form);
      return;
    }
    res.redirect(303, `/reports/${viewed.report.ref}?token=${encodeURIComponent(token)}&done=${action}`);
  });

  return router;
}

const withdrawUrl = (ref: string, token: string) =>
  `/reports/${ref}/withdraw?token=${encodeURIComponent(token)}`;

/**
 * A page answering a POST is switched to another language by a GET of the page it came from:
 * `/reports/…/actions` itself has nothing to GET, and the token must come along.
 */
function pointLanguagesAt(res: Response, url: string, current: Language) {
  res.locals.languages = LANGUAGES.map((code) => ({
    code,
    url: languageUrl(url, code),
    current: code === current,
  }));
}

function withdrawLocals(res: Response, report: Report, token: string, text: string, error?: string) {
  const t = res.locals.t as Translate;
  return {
    title: t('reports.withdraw.title'),
    ref: report.ref,
    reportTitle: report.title,
    isPrivate: report.isPrivate,
    token,
    text,
    error,
    maxText: MAX_ACTION_TEXT,
  };
}
