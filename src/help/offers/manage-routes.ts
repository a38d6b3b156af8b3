import { Router, type Request, type RequestHandler, type Response } from 'express';
import { dateFormats } from '../../report-pages/dates.js';
import type { Services } from '../../services.js';
import type { Translate } from '../../i18n/index.js';
import { doneNotice } from '../../web/done-notice.js';
import { NotFoundError } from '../../web/errors.js';
import { isFreshSwitch, isLanguageSwitch, switchWithForm } from '../../web/language-switch.js';
import { parseForm } from '../../web/uploads.js';
import { OfferFormErrors, checkOfferForm, offerFormChoices } from './form.js';
import type { OfferRecord } from './repository.js';
import { offerFormValues, valuesOf, type OfferFormValues } from './schema.js';
import { sendsAddressLink } from './address-link.js';
import { OWNER_ACTIONS, type OwnerAction } from './service.js';
import { HOUR_MS, OFFERS_PER_EMAIL_HOUR, emailKey } from './form-routes.js';

type Deps = Pick<
  Services,
  'config' | 'reference' | 'helpOffers' | 'helpOfferLinks' | 'helpVolunteerMatches' | 'limiter' | 'clock'
>;

// Each new address typed on the owner's page gets a link: one offer may not mail strangers.
export const ADDRESS_LINKS_PER_OFFER_HOUR = 3;
type OfferRequest = Request<{ id: string; action?: string }>;

const DONE = ['saved', 'email', 'pause', 'resume', 'withdraw', 'unchanged'] as const;

/** An offer id from a path: digits only, else the route is not ours. */
export function offerId(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

const tokenOf = (req: Request) => {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.token;
  return typeof fromBody === 'string' ? fromBody : req.query.token;
};

/**
 * The volunteer's private page (`/help/offers/:id?token=…`): edit, pause, resume, withdraw, and
 * the matches they were asked for, with what their emails told them of each.
 */
export function manageRoutes(deps: Deps, sameOrigin: RequestHandler): Router {
  const page = new ManagePage(deps);
  const router = Router();
  router.get('/help/offers/:id', page.show);
  // The question before withdrawing, at an address of its own so its language links open it again.
  router.get('/help/offers/:id/withdraw', page.askWithdraw);
  router.post('/help/offers/:id', sameOrigin, parseForm, page.save);
  router.post('/help/offers/:id/:action', sameOrigin, parseForm, page.act);
  return router;
}

class ManagePage {
  constructor(private readonly deps: Deps) {}

  readonly show = async (req: OfferRequest, res: Response) => {
    const offer = await this.owned(req, res);
    if (!offer) return;
    const done = doneNotice(req.query.done, DONE);
    // A new address not yet proven is what they asked for: the form keeps it, so saving again
    // neither cancels it nor sends its link twice.
    const values = valuesOf({ ...offer, email: offer.pendingEmail ?? offer.email });
    await this.render(req, res, 200, offer, values, new OfferFormErrors(), done);
  };

  readonly save = async (req: OfferRequest, res: Response) => {
    const offer = await this.owned(req, res);
    if (!offer) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = offerFormValues(body);
    // The language switcher of the edit form: the form again in that language, as typed (with the
    // errors of what was sent, said in that language), and nothing saved.
    if (isLanguageSwitch(body) && isFreshSwitch(body))
      return this.render(req, res, 200, offer, values, new OfferFormErrors(), null);
    const { details, errors } = await checkOfferForm(
      this.deps.reference,
      values,
      this.deps.config.inboundDomain,
    );
    if (isLanguageSwitch(body))
      return this.render(req, res, errors.any ? 422 : 200, offer, values, errors, null);
    if (!details || offer.status === 'withdrawn')
      return this.render(req, res, offer.status === 'withdrawn' ? 409 : 422, offer, values, errors, null);
    // A link to a new address is an email to whatever address was typed, counted per offer and per
    // address (with the offer form's emails to it); past either, nothing is saved and the form says so.
    if (sendsAddressLink(offer, details.email) && !(await this.linkAllowed(offer.id, details.email))) {
      const limited = new OfferFormErrors();
      limited.add('email', 'helpOffer.errors.addressLinksLimited');
      return this.render(req, res, 429, offer, values, limited, null);
    }
    const saved = await this.deps.helpOffers.update(offer.id, tokenOf(req), details);
    const linkSent = saved?.pendingEmail != null && saved.pendingEmail !== offer.pendingEmail;
    res.redirect(
      303,
      `${this.deps.helpOfferLinks.managePath(offer.id)}&done=${linkSent ? 'email' : 'saved'}`,
    );
  };

  readonly act = async (req: OfferRequest, res: Response) => {
    const action = OWNER_ACTIONS.find((known) => known === req.params.action) as OwnerAction | undefined;
    const id = offerId(req.params.id);
    if (!action || id === undefined) throw new NotFoundError();
    // Withdrawing cannot be undone: the manage page's button first asks, on a page of its own.
    if (action === 'withdraw' && (req.body as Record<string, unknown> | undefined)?.confirm !== 'yes')
      return this.askWithdraw(req, res);
    const result = await this.deps.helpOffers.act(id, tokenOf(req), action);
    if (!result) return invalid(res);
    res.redirect(
      303,
      `${this.deps.helpOfferLinks.managePath(id)}&done=${result.changed ? action : 'unchanged'}`,
    );
  };

  readonly askWithdraw = async (req: OfferRequest, res: Response) => {
    const offer = await this.owned(req, res);
    if (!offer) return;
    if (offer.status === 'withdrawn')
      return res.redirect(303, `${this.deps.helpOfferLinks.managePath(offer.id)}&done=unchanged`);
    res.render('help/offers/withdraw', {
      title: (res.locals.t as Translate)('helpOffer.withdraw.title'),
      action: `/help/offers/${offer.id}/withdraw`,
      back: this.deps.helpOfferLinks.managePath(offer.id),
      token: tokenOf(req),
    });
  };

  private async linkAllowed(id: number, email: string): Promise<boolean> {
    const { limiter, clock } = this.deps;
    const now = clock();
    const perOffer = await limiter.hit(
      `help-offer:address-link:${id}`,
      ADDRESS_LINKS_PER_OFFER_HOUR,
      HOUR_MS,
      now,
    );
    return (
      perOffer.allowed &&
      (await limiter.hit(emailKey({ email }), OFFERS_PER_EMAIL_HOUR, HOUR_MS, now)).allowed
    );
  }

  /** The offer the request's token opens, or the "link does not work" page already sent. */
  private async owned(req: OfferRequest, res: Response): Promise<OfferRecord | undefined> {
    const id = offerId(req.params.id);
    if (id === undefined) throw new NotFoundError();
    const offer = await this.deps.helpOffers.owned(id, tokenOf(req));
    if (!offer) invalid(res);
    return offer;
  }

  private async render(
    req: OfferRequest,
    res: Response,
    status: number,
    offer: OfferRecord,
    values: OfferFormValues,
    errors: OfferFormErrors,
    done: string | null,
  ) {
    // A withdrawn offer has no form to keep: its switcher's links open the page again.
    if (offer.status !== 'withdrawn')
      switchWithForm(req, res, { id: 'edit-form', action: `/help/offers/${offer.id}` });
    res.status(status).render('help/offers/manage', {
      ...(await offerFormChoices(this.deps.reference, req.language)),
      offer,
      token: this.deps.helpOfferLinks.manageToken(offer.id),
      values,
      ...errors.toView(),
      done,
      matches: await this.deps.helpVolunteerMatches.of(offer.id, req.language),
      dateOf: dateFormats(req.language).date,
    });
  }
}

/** A forged token and an erased offer look the same: the link does not work. */
export function invalid(res: Response, reason: 'invalid' | 'expired' | 'withdrawn' = 'invalid') {
  res.status(reason === 'invalid' ? 404 : 410).render('help/offers/invalid', { reason });
}
