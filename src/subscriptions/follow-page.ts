import type { Request, Response } from 'express';
import type { Language } from '../i18n/index.js';
import { ReportError } from '../reports/errors.js';
import { publicWriterOf } from '../reports/public-words.js';
import { normaliseRef } from '../reports/refs.js';
import type { Report } from '../reports/types.js';
import type { Services } from '../services.js';
import { NotFoundError } from '../web/errors.js';
import { readFollowForm, type FollowErrors, type FollowValues } from './follow-form.js';
import { withinFollowLimits } from './limits.js';
import { errorSummary } from '../web/error-summary.js';
import { rememberSentTo } from '../web/sent-to.js';

/** Where following a report ends, both from its page and from the review page of the report form. */
export const SENT_PAGE = '/subscriptions/sent';

type Deps = Pick<Services, 'config' | 'subscriptions' | 'limiter' | 'clock' | 'publicWords'>;

/** The order of the error summary: the form's own message first, then the fields as shown. */
const ORDER: (keyof FollowErrors)[] = ['form', 'name', 'email'];

/**
 * "Follow this report by email", linked from a public report's page: a name and an address, then
 * the same confirmation email as "this is my problem too" on the review page. A report that cannot
 * be followed (private, hidden, withdrawn, closed) has no such page.
 */
export class FollowPage {
  constructor(private readonly deps: Deps) {}

  readonly show = async (req: Request<{ ref: string }>, res: Response) => {
    const report = await this.followable(req.params.ref, res);
    if (report) this.render(res, 200, report, { name: '', email: '' }, {});
  };

  readonly submit = async (req: Request<{ ref: string }>, res: Response) => {
    const report = await this.followable(req.params.ref, res);
    if (!report) return;
    const { ref } = report;
    const { values, errors } = readFollowForm(
      (req.body ?? {}) as Record<string, unknown>,
      this.deps.config.inboundDomain,
    );
    if (Object.keys(errors).length > 0) return this.render(res, 422, report, values, errors);
    if (!(await withinFollowLimits(this.deps, req, values.email))) {
      return this.render(res, 429, report, values, { form: [{ key: 'subscriptions.rateLimited' }] });
    }
    try {
      await this.deps.subscriptions.subscribe(ref, { ...values, language: req.language as Language });
    } catch (error) {
      // Resolved, closed, hidden or withdrawn since the form was opened.
      if (error instanceof ReportError) return this.ended(ref, res);
      throw error;
    }
    // The address stays out of the URL (browser history, proxy logs).
    rememberSentTo(res, SENT_PAGE, values.email, this.deps.config.https);
    res.redirect(303, `${SENT_PAGE}?ref=${encodeURIComponent(ref)}`);
  };

  /** The report to follow; or undefined, the page that says why not already sent. */
  private async followable(raw: string, res: Response): Promise<Report | undefined> {
    const ref = normaliseRef(raw);
    if (!ref) throw new NotFoundError();
    const report = await this.deps.subscriptions.followable(ref);
    if (report) return report;
    await this.ended(ref, res);
    return undefined;
  }

  /**
   * A public report resolved or closed since the form or a saved link was made: said so, with the
   * way to its page. Anything else (private, hidden, withdrawn, unknown) is no page at all.
   */
  private async ended(ref: string, res: Response): Promise<void> {
    if (!(await this.deps.subscriptions.hasEnded(ref))) throw new NotFoundError();
    res.status(410).render('subscriptions/failed', { outcome: 'closed', ref });
  }

  private render(res: Response, status: number, report: Report, values: FollowValues, errors: FollowErrors) {
    res.status(status).render('subscriptions/follow', {
      ref: report.ref,
      // Which report this is, as its page names it.
      reportTitle: this.deps.publicWords.of(report.title, publicWriterOf(report)),
      titleLanguage: report.textLanguage,
      values,
      errors,
      errorSummary: errorSummary(errors, ORDER),
    });
  }
}
