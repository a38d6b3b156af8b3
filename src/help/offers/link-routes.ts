import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Services } from '../../services.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { CHECK_ANSWERS } from './links.js';
import { invalid, offerId } from './manage-routes.js';
import type { ConfirmResult, EmailResult, LinkCheck } from './service.js';

type Deps = Pick<Services, 'helpOffers' | 'helpOfferChecks' | 'helpOfferLinks'>;
type ConfirmRequest = Request<{ token: string }>;
type CheckRequest = Request<{ id: string; answer: string }>;

/**
 * The links in the volunteer's emails: confirming the offer, proving a new address and answering
 * "still available?". Each GET reads its link but changes nothing (mail scanners fetch every
 * link): it shows a button only when pressing it would act, and otherwise at once the page the
 * button would have led to. The POST acts.
 */
export function offerLinkRoutes(deps: Deps, sameOrigin: RequestHandler): Router {
  const router = Router();
  const { helpOffers } = deps;
  const confirm = emailedLink<ConfirmResult>({
    view: 'help/offers/confirm',
    path: '/help/offers/confirm/',
    check: (token) => helpOffers.checkConfirm(token),
    act: (token) => helpOffers.confirm(token),
    done: confirmedPage(deps),
  });
  router.get('/help/offers/confirm/:token', confirm.show);
  router.post('/help/offers/confirm/:token', sameOrigin, parseForm, confirm.act);
  const email = emailedLink<EmailResult>({
    view: 'help/offers/email',
    path: '/help/offers/email/',
    check: (token) => helpOffers.checkEmail(token),
    act: (token) => helpOffers.confirmEmail(token),
    done: emailPage(deps),
  });
  router.get('/help/offers/email/:token', email.show);
  router.post('/help/offers/email/:token', sameOrigin, parseForm, email.act);
  const check = checkHandlers(deps);
  router.get('/help/offers/:id/check/:answer', check.show);
  router.post('/help/offers/:id/check/:answer', sameOrigin, parseForm, check.answer);
  return router;
}

type Seen = Exclude<LinkCheck, { outcome: 'pending' }>;

/** An emailed link's two handlers: GET, the button (or what the link did before); POST, the act. */
function emailedLink<Result extends { outcome: string }>(link: {
  view: string;
  path: string;
  check: (token: string) => Promise<LinkCheck>;
  act: (token: string) => Promise<Result>;
  done: (res: Response, result: Result | Seen) => void;
}) {
  return {
    show: async (req: ConfirmRequest, res: Response) => {
      const seen = await link.check(req.params.token);
      if (seen.outcome !== 'pending') return link.done(res, seen);
      res.render(link.view, { action: `${link.path}${encodeURIComponent(req.params.token)}` });
    },
    act: async (req: ConfirmRequest, res: Response) => link.done(res, await link.act(req.params.token)),
  };
}

function confirmedPage({ helpOfferLinks }: Deps) {
  return (res: Response, result: ConfirmResult | Seen) => {
    if (!('offer' in result)) return invalid(res, result.outcome);
    res.render('help/offers/confirmed', {
      outcome: result.outcome,
      // Confirmed before: it may be paused or withdrawn since, and the page must not say it is active.
      status: result.offer.status,
      manageUrl: manageOnce(helpOfferLinks, result.outcome === 'confirmed', result.offer.id),
    });
  };
}

function emailPage({ helpOfferLinks }: Deps) {
  return (res: Response, result: EmailResult | Seen) => {
    if (!('offer' in result)) return invalid(res, result.outcome);
    res.render('help/offers/email-done', {
      outcome: result.outcome,
      email: result.offer.email,
      manageUrl: manageOnce(helpOfferLinks, result.outcome === 'changed', result.offer.id),
    });
  };
}

/**
 * The private link is shown once, as the emailed link acts (the same link is emailed then): a
 * link opened again (a forwarded email, a browser's history) says where the private link went,
 * never the link itself (`partials/manage-once`).
 */
function manageOnce(links: Deps['helpOfferLinks'], acted: boolean, id: number): string | null {
  return acted ? links.managePath(id) : null;
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
    if (found.answered)
      return res.render('help/offers/check-done', {
        answered: true,
        answer,
        status: found.offer.status,
        manageUrl: null,
      });
    res.render('help/offers/check', {
      answer,
      action: `/help/offers/${id}/check/${answer}?token=${encodeURIComponent(token)}`,
      manageUrl: helpOfferLinks.managePath(id),
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
      // An answered link (a browser's history, a forwarded email) no longer acts, and no longer
      // leads to the offer either: the link to it is in the volunteer's emails.
      manageUrl: manageOnce(helpOfferLinks, !found.answered, id),
    });
  }

  return { show, answer };
}
