import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Language } from '../i18n/index.js';
import { listUrl } from '../report-pages/list-query.js';
import type { Services } from '../services.js';
import { NotFoundError } from '../web/errors.js';
import { originCheck } from '../web/origin-check.js';
import { rememberSentTo, takeSentTo } from '../web/sent-to.js';
import { parseForm } from '../web/uploads.js';
import type { AlertConfirmed } from './service.js';
import { alertFormValues, checkAlertForm, type AlertErrors, type AlertFormValues } from './schema.js';
import { errorSummary } from '../web/error-summary.js';
import { alertEmailKey } from '../ratelimit/address-keys.js';
import { limitClient } from '../ratelimit/client.js';

const HOUR_MS = 60 * 60 * 1000;
// As on the report form: generous per IP (a village may share one), strict per address.
export const ALERTS_PER_IP_HOUR = 20;
export const ALERTS_PER_EMAIL_HOUR = 5;

type Deps = Pick<Services, 'config' | 'alerts' | 'links' | 'limiter' | 'clock' | 'reference'>;
const SENT_PAGE = '/alerts/sent';
type Link = { subject: string; signature: string };

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * Email alerts for a place and category: the form, its confirmation link and one-click
 * unsubscribe. As everywhere, a link's GET changes nothing (mail scanners follow links): it shows
 * a button, or, for a confirmation link that can do nothing more, at once what the button would say.
 */
export function alertRoutes(deps: Deps): Router {
  const router = Router();
  const sameOrigin = originCheck({ publicUrl: deps.config.publicUrl });
  const pages = new AlertPages(deps);
  router.use(['/alerts/confirm', '/alerts/unsubscribe'], noStore);
  router.get('/alerts/new', pages.show);
  router.post('/alerts/new', sameOrigin, parseForm, pages.submit);
  router.get(SENT_PAGE, pages.sent);
  router.get('/alerts/confirm/:token', pages.showConfirm);
  router.post('/alerts/confirm/:token', sameOrigin, parseForm, pages.confirm);
  router.get('/alerts/unsubscribe/:subject/:signature', pages.showUnsubscribe);
  // RFC 8058: mail providers POST here with `List-Unsubscribe=One-Click`; a person presses the button.
  router.post('/alerts/unsubscribe/:subject/:signature', pages.unsubscribe);
  return router;
}

/** The handlers of the routes above, one per page or button. */
class AlertPages {
  constructor(private readonly deps: Deps) {}

  readonly show = async (req: Request, res: Response) => {
    const values = alertFormValues(req.query as Record<string, unknown>);
    // A link with a code that does not exist (any more) starts from "everything" rather than failing.
    const { errors } = await checkAlertForm(
      this.deps.reference,
      { ...values, email: 'a@b.lv' },
      this.deps.config.inboundDomain,
    );
    if (errors.place) values.place = '';
    if (errors.category) values.category = '';
    await this.render(req, res, 200, values, {});
  };

  readonly submit = async (req: Request, res: Response) => {
    const values = alertFormValues((req.body ?? {}) as Record<string, unknown>);
    const { wish, errors } = await checkAlertForm(
      this.deps.reference,
      values,
      this.deps.config.inboundDomain,
    );
    if (!wish) return this.render(req, res, 422, values, errors);
    // Counted on sending, not on every mistake: a person correcting the form is not refused.
    const { limiter, clock } = this.deps;
    const now = clock();
    const ip = await limiter.hit(`alert:ip:${limitClient(req)}`, ALERTS_PER_IP_HOUR, HOUR_MS, now);
    if (!ip.allowed) return this.refuse(req, res, values, 'alerts.errors.rateLimitedIp');
    if (!(await limiter.hit(alertEmailKey(wish.email), ALERTS_PER_EMAIL_HOUR, HOUR_MS, now)).allowed)
      return this.refuse(req, res, values, 'alerts.errors.rateLimitedEmail');
    await this.deps.alerts.request({ ...wish, language: req.language as Language });
    // The address stays out of the URL (browser history, proxy logs).
    rememberSentTo(res, SENT_PAGE, wish.email, this.deps.config.https);
    res.redirect(303, SENT_PAGE);
  };

  readonly sent = (req: Request, res: Response) => {
    res.render('alerts/sent', { sentTo: takeSentTo(req, res, SENT_PAGE, this.deps.config.https) });
  };

  /** The link's page changes nothing (mail scanners open links): a button only if it would start the alert. */
  readonly showConfirm = async (req: Request<{ token: string }>, res: Response) => {
    const link = await this.deps.alerts.checkConfirm(String(req.params.token));
    if (link.outcome !== 'pending') return this.confirmed(res, link);
    res.render('alerts/confirm', { action: `/alerts/confirm/${encodeURIComponent(req.params.token)}` });
  };

  readonly confirm = async (req: Request<{ token: string }>, res: Response) => {
    this.confirmed(res, await this.deps.alerts.confirm(String(req.params.token)));
  };

  /** What a confirmation link did (or, opened again, had done): the same page either way. */
  private confirmed(res: Response, result: AlertConfirmed) {
    if (result.outcome === 'confirmed') {
      // The reports the alert will tell of, not every report in the novads.
      const { apvienibaCode, parishCode, categoryCode } = result.scope;
      const reportsUrl = listUrl({
        apvieniba: apvienibaCode ?? undefined,
        parish: parishCode ?? undefined,
        category: categoryCode ?? undefined,
      });
      return res.render('alerts/confirmed', { reportsUrl });
    }
    // An expired link, or one whose alert is gone or was stopped since, is a good link of something gone: 410.
    res.status(result.outcome === 'invalid' ? 404 : 410).render('alerts/failed', { outcome: result.outcome });
  }

  readonly showUnsubscribe = async (req: Request<Link>, res: Response) => {
    if (!this.deps.links.isAlertUnsubscribe(req.params.subject, req.params.signature))
      throw new NotFoundError();
    const state = await this.deps.alerts.unsubscribeState(req.params.subject, req.language);
    res.render('unsubscribe/confirm', { ...state, alert: true });
  };

  readonly unsubscribe = async (req: Request<Link>, res: Response) => {
    const { subject, signature } = req.params;
    if (!this.deps.links.isAlertUnsubscribe(subject, signature)) throw new NotFoundError();
    await this.deps.alerts.unsubscribe(subject);
    const state = await this.deps.alerts.unsubscribeState(subject, req.language);
    res.render('unsubscribe/confirm', { ...state, done: true, alert: true });
  };

  private refuse(req: Request, res: Response, values: AlertFormValues, key: string) {
    return this.render(req, res, 429, values, { form: [{ key }] });
  }

  private async render(
    req: Request,
    res: Response,
    status: number,
    values: AlertFormValues,
    errors: AlertErrors,
  ) {
    const language = req.language as Language;
    const [apvienibas, categories] = await Promise.all([
      this.deps.reference.apvienibas(),
      this.deps.reference.categories(),
    ]);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, language);
    const order: (keyof AlertErrors)[] = ['form', 'email', 'place', 'category'];
    res.status(status).render('alerts/new', {
      values,
      errors,
      errorSummary: errorSummary(errors, order),
      apvienibas: apvienibas
        .map((a) => ({ code: `apvieniba:${a.code}`, name: a.names[language] }))
        .sort(byName),
      parishes: apvienibas
        .flatMap((a) => a.parishes)
        .map((p) => ({ code: `parish:${p.code}`, name: p.names[language] }))
        .sort(byName),
      categories: categories
        .filter((c) => c.active && c.visibility === 'public')
        .map((c) => ({ code: c.code, name: c.names[language] }))
        .sort(byName),
    });
  }
}
