import { Router, type Request, type RequestHandler, type Response } from 'express';
import { isLanguage } from '../i18n/index.js';
import { ReportError } from '../reports/errors.js';
import { normaliseRef } from '../reports/refs.js';
import type { Services } from '../services.js';
import { AppError, BadRequestError, NotFoundError } from '../web/errors.js';
import { originCheck } from '../web/origin-check.js';
import { rememberSentTo, takeSentTo } from '../web/sent-to.js';
import { parseForm } from '../web/uploads.js';
import { firstString } from '../report-form/schema.js';
import { FollowPage, SENT_PAGE } from './follow-page.js';
import { withinFollowLimits } from './limits.js';
import type { FollowConfirmed } from './service.js';
import { isOwnAddress } from '../web/own-address.js';
import { subscribeSchema } from './schema.js';

type Link = { subject: string; signature: string };

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * "This is my problem too" and its confirmation link, and the one-click unsubscribe links in every
 * email to a resident. Each link's GET changes nothing (mail scanners follow links): it shows a
 * button whose POST does it, or, for a confirmation link that can do nothing more, at once what
 * the button would say. Pages that carry a token in their address are never cached.
 */
export function subscriptionRoutes(
  services: Pick<Services, 'config' | 'subscriptions' | 'links' | 'limiter' | 'clock' | 'publicWords'>,
): Router {
  const router = Router();
  const sameOrigin = originCheck({ publicUrl: services.config.publicUrl });
  const pages = new SubscriptionPages(services);
  const follow = new FollowPage(services);
  router.use(['/subscriptions/confirm', '/unsubscribe'], noStore);
  router.get('/reports/:ref/follow', follow.show);
  router.post('/reports/:ref/follow', sameOrigin, parseForm, follow.submit);
  router.post('/reports/:ref/subscribe', sameOrigin, parseForm, pages.subscribe);
  router.get(SENT_PAGE, pages.sent);
  router.get('/subscriptions/confirm/:token', pages.showConfirm);
  router.post('/subscriptions/confirm/:token', sameOrigin, parseForm, pages.confirm);
  router.get('/unsubscribe/:subject/:signature', pages.showUnsubscribe);
  // RFC 8058: mail providers POST here with `List-Unsubscribe=One-Click`; a person presses the button.
  router.post('/unsubscribe/:subject/:signature', pages.unsubscribe);
  return router;
}

type HandlerDeps = Pick<Services, 'config' | 'subscriptions' | 'links' | 'limiter' | 'clock'>;

/** The handlers of the routes above, one per page or button. */
class SubscriptionPages {
  constructor(private readonly deps: HandlerDeps) {}

  readonly subscribe = async (req: Request<{ ref: string }>, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = subscribeSchema.safeParse({
      name: firstString(body.name),
      email: firstString(body.email),
    });
    // Carried from the report form, which refused both already: only a crafted form gets here.
    if (!parsed.success || isOwnAddress(parsed.data.email, this.deps.config.inboundDomain))
      throw new BadRequestError();
    if (!(await withinFollowLimits(this.deps, req, parsed.data.email))) {
      throw new AppError(429, 'rate_limited', 'subscriptions.rateLimited');
    }
    const language = isLanguage(body.language) ? body.language : req.language;
    const ref = normaliseRef(req.params.ref);
    if (!ref) throw new NotFoundError();
    try {
      const report = await this.deps.subscriptions.subscribe(ref, { ...parsed.data, language });
      rememberSentTo(res, SENT_PAGE, parsed.data.email, this.deps.config.https);
      res.redirect(303, `${SENT_PAGE}?ref=${encodeURIComponent(report.ref)}`);
    } catch (error) {
      if (error instanceof ReportError) throw new NotFoundError();
      throw error;
    }
  };

  readonly sent = (req: Request, res: Response) => {
    const sentTo = takeSentTo(req, res, SENT_PAGE, this.deps.config.https);
    res.render('subscriptions/sent', { ref: normaliseRef(req.query.ref) ?? null, sentTo });
  };

  /** The link's page changes nothing (mail scanners open links): a button only if it would start the follow. */
  readonly showConfirm = async (req: Request<{ token: string }>, res: Response) => {
    const link = await this.deps.subscriptions.checkSubscription(String(req.params.token));
    if (link.outcome !== 'pending') return this.confirmed(res, link);
    res.render('subscriptions/confirm', {
      action: `/subscriptions/confirm/${encodeURIComponent(req.params.token)}`,
    });
  };

  readonly confirm = async (req: Request<{ token: string }>, res: Response) => {
    this.confirmed(res, await this.deps.subscriptions.confirmSubscription(String(req.params.token)));
  };

  /** What a confirmation link did (or, opened again, had done): the same page either way. */
  private confirmed(res: Response, result: FollowConfirmed) {
    if (result.outcome === 'confirmed' && result.ref) {
      res.render('subscriptions/confirmed', { ref: result.ref, reportUrl: `/reports/${result.ref}` });
      return;
    }
    // A link of an ended follow, or of a withdrawn report, is a good link of something gone: 410.
    res
      .status(result.outcome === 'invalid' ? 404 : 410)
      .render('subscriptions/failed', { outcome: result.outcome });
  }

  readonly showUnsubscribe = async (req: Request<Link>, res: Response) => {
    const { subject, signature } = req.params;
    if (!this.deps.links.isUnsubscribe(subject, signature)) throw new NotFoundError();
    res.render('unsubscribe/confirm', await this.deps.subscriptions.unsubscribeTarget(subject));
  };

  readonly unsubscribe = async (req: Request<Link>, res: Response) => {
    const { subject, signature } = req.params;
    if (!this.deps.links.isUnsubscribe(subject, signature)) throw new NotFoundError();
    await this.deps.subscriptions.unsubscribe(subject, new Date());
    res.render('unsubscribe/confirm', {
      ...(await this.deps.subscriptions.unsubscribeTarget(subject)),
      done: true,
    });
  };
}
