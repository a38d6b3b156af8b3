import type { Request, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { ReportError } from '../reports/errors.js';
import { normaliseRef } from '../reports/refs.js';
import type { Services } from '../services.js';
import { NotFoundError } from '../web/errors.js';
import { formToken, hasErrors, readActionForm, type ActionFormState } from './action-form.js';
import { pointLanguagesAt, withdrawUrl, type ReportPage, type Viewed } from './report-page.js';
import { limitClient } from '../ratelimit/client.js';

const HOUR_MS = 60 * 60 * 1000;
// Updates a reporter may add in an hour: to one report, and from one address (a village may share one).
const PER_REPORT = 6;
const PER_IP = 30;

type Deps = Pick<Services, 'reports' | 'reportUpdates' | 'photos' | 'limiter' | 'clock'>;

/** The reporter's actions on their own report: a comment, "fixed", "not fixed", or withdrawing it. */
export class ReporterActions {
  constructor(
    private readonly deps: Deps,
    private readonly page: Pick<ReportPage, 'find' | 'render' | 'renderWithdraw' | 'wordsFor'>,
  ) {}

  readonly act = async (req: Request<{ ref: string }>, res: Response) => {
    const { page } = this;
    const t = res.locals.t as Translate;
    const token = formToken((req.body ?? {}) as Record<string, unknown>);
    const viewed = await page.find(normaliseRef(req.params.ref), token, res);
    // A forged or missing token learns nothing, not even that the report exists.
    if (!viewed.asReporter || !token) throw new NotFoundError();

    const { photos, clock } = this.deps;
    const { action, confirmed, state: form } = await readActionForm(req, { photos, clock, t });
    if (action === 'withdraw' && (form.errors.text || !confirmed))
      return confirmWithdrawal(req, res, viewed, token, form, page);
    if (hasErrors(form) || !action) return page.render(req, res, viewed, form);
    // Every comment is an email to the parish: a stream of them would bury the office. The form is
    // shown again with everything kept, to send later.
    if (!(await this.withinLimits(req, viewed.report.id))) {
      form.errors.form = t('reports.actions.errors.rateLimited', {
        context: await page.wordsFor(viewed.report),
      });
      return page.render(req, res, viewed, form, 429);
    }
    try {
      await this.deps.reportUpdates.reporterAction(viewed.report.ref, token, {
        kind: action,
        text: form.text,
        photos: action === 'withdraw' ? [] : form.pending,
      });
    } catch (error) {
      // Sent twice at once (a double click): the first took the photos with its update, so this
      // one wrote nothing, and gets the first's answer rather than a server error.
      if (await this.takenMeanwhile(form.pending)) return res.redirect(303, doneUrl(viewed, token, action));
      if (!(error instanceof ReportError) || error.code === 'not_found') throw error;
      // Usually a second click on a stale page: the report has moved on since it was shown.
      form.errors.form = t('reports.actions.errors.notAllowed', {
        context: await page.wordsFor(viewed.report),
      });
      return page.render(req, res, (await this.deps.reports.view(viewed.report.ref, token)) ?? viewed, form);
    }
    res.redirect(303, doneUrl(viewed, token, action));
  };

  /** Whether some of these pending uploads are gone: another request attached them meanwhile. */
  private async takenMeanwhile(pending: ActionFormState['pending']): Promise<boolean> {
    if (pending.length === 0) return false;
    const left = await this.deps.photos.pending(pending.map((photo) => photo.id));
    return left.length < pending.length;
  }

  private async withinLimits(req: Request, reportId: number): Promise<boolean> {
    const { limiter } = this.deps;
    const now = this.deps.clock();
    const perReport = await limiter.hit(`reporter-action:report:${reportId}`, PER_REPORT, HOUR_MS, now);
    const perIp = await limiter.hit(`reporter-action:ip:${limitClient(req)}`, PER_IP, HOUR_MS, now);
    return perReport.allowed && perIp.allowed;
  }
}

const doneUrl = (viewed: Viewed, token: string, action: string) =>
  `/reports/${viewed.report.ref}?token=${encodeURIComponent(token)}&done=${action}`;

/** Withdrawing is confirmed on a page of its own; its only field is the optional reason. */
function confirmWithdrawal(
  req: Request,
  res: Response,
  viewed: Viewed,
  token: string,
  form: ActionFormState,
  page: Pick<ReportPage, 'renderWithdraw'>,
) {
  pointLanguagesAt(res, withdrawUrl(viewed.report.ref, token), req.language);
  return page.renderWithdraw(req, res, viewed, token, { text: form.text, error: form.errors.text });
}
