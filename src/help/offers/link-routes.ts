import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Services } from '../../services.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { CHECK_ANSWERS } from './links.js';
import { invalid, offerId } from './manage-routes.js';

type Deps = Pick<Services, 'helpOffers' | 'helpOfferChecks' | 'helpOfferLinks'>;
type ConfirmRequest = Request<{ token: string }>;
type CheckRequest = Request<{ id: string; answer: string }>;

/**
 * The links in the volunteer's emails: confirming the offer and answering "still available?".
 * Each GET only shows a page with a button (mail scanners fetch every link); the POST acts.
 */
export function offerLinkRoutes(deps: Deps, sameOrigin: RequestHandler): Router {
  const router = Router();
  router.get('/help/offers/confirm/:token', buttonPage('help/offers/confirm', '/help/offers/confirm/'));
  router.post('/help/offers/confirm/:token', sameOrigin, parseForm, confirmHandler(deps));
  router.get('/help/offers/email/:token', buttonPage('help/offers/email', '/help/offers/email/'));
  router.post('/help/offers/email/:token', sameOrigin, parseForm, emailHandler(deps));
  const check = checkHandlers(deps);
  router.get('/help/offers/:id/check/:answer', check.show);
  router.post('/help/offers/:id/check/:answer', sameOrigin, parseForm, check.answer);
  return router;
}

/** An emailed link's page: one button that posts back (mail scanners open every link; nothing acts on GET). */
function buttonPage(view: string, path: string) {
  return (req: ConfirmRequest, res: Response) =>
    res.render(view, { action: `${path}${encodeURIComponent(req.params.token)}` });
}

function confirmHandler({ helpOffers, helpOfferLinks }: Deps) {
  return async function confirm(req: ConfirmRequest, res: Response) {
    const result = await helpOffers.confirm(req.params.token);
    if (!('offer' in result)) return invalid(res, result.outcome);
    res.render('help/offers/confirmed', {
      outcome: result.outcome,
      // Confirmed before: it may be paused or withdrawn since, and the page must not say it is active.
      status: result.offer.status,
      manageUrl: helpOfferLinks.managePath(result.offer.id),
    });
  };
}

function emailHandler({ helpOffers, helpOfferLinks }: Deps) {
  return async function confirmEmail(req: ConfirmRequest, res: Response) {
    const result = await helpOffers.confirmEmail(req.params.token);
    if (!('offer' in result)) return invalid(res, result.outcome);
    res.render('help/offers/email-done', {
      outcome: result.outcome,
      email: result.offer.email,
      manageUrl: helpOfferLinks.managePath(result.offer.id),
    });
  };
}

function checkHandlers({ helpOfferChecks, helpOfferLinks }: Deps) {
  const parse = (req: CheckRequest) => {
    const id = offerId(req.params.id);
    if (id === undefined || !(CHECK_ANSWERS as readonly string[]).includes(req.params.answer))
      throw new NotFoundError();
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    return { id, answer: req.params.answer, token };
  };

  async function show(req: CheckRequest, res: Response) {
    const { id, answer, token } = parse(req);
    const found = await helpOfferChecks.lookup(id, answer, token);
    if (!found.ok) return invalid(res, found.reason);
    const manageUrl = helpOfferLinks.managePath(id);
    if (found.answered)
      return res.render('help/offers/check-done', {
        answered: true,
        answer,
        status: found.offer.status,
        manageUrl,
      });
    res.render('help/offers/check', {
      answer,
      action: `/help/offers/${id}/check/${answer}?token=${encodeURIComponent(token)}`,
      manageUrl,
    });
  }

  async function answer(req: CheckRequest, res: Response) {
    const { id, answer, token } = parse(req);
    const found = await helpOfferChecks.answer(id, answer, token);
    if (!found.ok) return invalid(res, found.reason);
    res.render('help/offers/check-done', {
      answered: found.answered,
      answer,
      status: found.offer.status,
      manageUrl: helpOfferLinks.managePath(id),
    });
  }

  return { show, answer };
}
