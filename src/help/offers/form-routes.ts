import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Services } from '../../services.js';
import { isFreshSwitch, isLanguageSwitch, switchWithForm } from '../../web/language-switch.js';
import { rememberSentTo, takeSentTo } from '../../web/sent-to.js';
import { keepSubmissionKey, newSubmissionKey, submissionKeyOf } from '../../web/submission-key.js';
import { parseForm } from '../../web/uploads.js';
import { OfferFormErrors, checkOfferForm, offerFormChoices } from './form.js';
import { emptyOfferValues, offerFormValues, type OfferFormValues } from './schema.js';
import { helpOfferEmailKey } from '../../ratelimit/address-keys.js';
import { limitClient } from '../../ratelimit/client.js';
import type { OfferStatus } from '../types.js';

export const HOUR_MS = 60 * 60 * 1000;
// Offers are few: a handful an hour from one address (a village may share one) is plenty, and
// each sends an email, so the limit also keeps the form from being used to mail strangers.
export const OFFERS_PER_IP_HOUR = 5;
export const OFFERS_PER_EMAIL_HOUR = 3;
const ipKey = (req: Request) => `help-offer:ip:${limitClient(req)}`;
/** Emails an offer's forms send to one address (the new offer's, and a new address's link). */
export const emailKey = (details: { email: string }) => helpOfferEmailKey(details.email);

type Deps = Pick<Services, 'config' | 'reference' | 'limiter' | 'clock' | 'helpOffers'>;
const SENT_PAGE = '/help/offer/sent';
/** The answer to the form sent again for an offer already confirmed: no email went this time. */
const CONFIRMED_PAGE = `${SENT_PAGE}?confirmed=1`;

/** An offer its volunteer has confirmed (and not withdrawn): the form sent again sends no email. */
const isConfirmed = (status: OfferStatus) => status === 'active' || status === 'paused';

/**
 * "Offer help": the form, its checks and limits, and the page that says to look for the email (or,
 * for the form sent again once its offer is confirmed, that it is).
 */
export function offerFormRoutes(deps: Deps, sameOrigin: RequestHandler): Router {
  const page = new OfferFormPage(deps);
  const router = Router();
  router.get('/help/offer', page.show);
  router.post('/help/offer', sameOrigin, parseForm, page.submit);
  router.get(SENT_PAGE, page.sent);
  return router;
}

/** The form as shown: its values and the key of this render (src/web/submission-key.ts). */
interface OfferForm {
  values: OfferFormValues;
  key: string;
}

class OfferFormPage {
  constructor(private readonly deps: Deps) {}

  readonly show = async (req: Request, res: Response) => {
    const values = emptyOfferValues(req.language);
    await this.render(req, res, 200, { values, key: newSubmissionKey() }, new OfferFormErrors());
  };

  readonly submit = async (req: Request, res: Response) => {
    const { limiter, clock, reference, helpOffers } = this.deps;
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The language switcher of the form shown again: the form in that language, as it was typed,
    // with its key, so the one sending that follows is still taken once, and with the errors of
    // what was typed said again in that language; nothing counted, saved or sent.
    if (isLanguageSwitch(body)) {
      const form = { values: offerFormValues(body), key: keepSubmissionKey(body) };
      // A form not sent yet comes back as typed, unchecked.
      if (isFreshSwitch(body)) return this.render(req, res, 200, form, new OfferFormErrors());
      const { details, errors } = await checkOfferForm(
        reference,
        form.values,
        this.deps.config.inboundDomain,
      );
      // A limit reached is said again too, without counting the switch.
      const now = clock();
      if (details && (await limiter.full(ipKey(req), OFFERS_PER_IP_HOUR, HOUR_MS, now)))
        return this.refuse(req, res, form, 'helpOffer.errors.rateLimitedIp');
      if (details && (await limiter.full(emailKey(details), OFFERS_PER_EMAIL_HOUR, HOUR_MS, now)))
        return this.refuse(req, res, form, 'helpOffer.errors.rateLimitedEmail');
      return this.render(req, res, errors.any ? 422 : 200, form, errors);
    }
    // The same form sent again (a double click, a resend after a slow link): the answer the first
    // had, or that the offer is confirmed if it is by now, and nothing made, sent or counted.
    const key = submissionKeyOf(body);
    const made = key ? await helpOffers.submitted(key) : undefined;
    if (made) return res.redirect(303, isConfirmed(made) ? CONFIRMED_PAGE : SENT_PAGE);
    const form = { values: offerFormValues(body), key: keepSubmissionKey(body) };
    const { values } = form;
    const { details, errors } = await checkOfferForm(reference, values, this.deps.config.inboundDomain);
    if (!details) return this.render(req, res, 422, form, errors);
    // The same offer sent again after going back to the form (a new key, the fields refilled): the
    // first's answer, and nothing counted; `create` knows it again too, should both race. Once the
    // offer is confirmed, "check your email" would send the volunteer looking for an email that
    // never comes: the page says it is confirmed instead.
    const earlier = await helpOffers.resendOf(details);
    if (earlier && isConfirmed(earlier.status)) return res.redirect(303, CONFIRMED_PAGE);
    if (earlier) return this.toSent(res, details.email);
    // Counted on sending, not on every mistake: a person correcting the form is not refused.
    const now = clock();
    if (!(await limiter.hit(ipKey(req), OFFERS_PER_IP_HOUR, HOUR_MS, now)).allowed)
      return this.refuse(req, res, form, 'helpOffer.errors.rateLimitedIp');
    if (!(await limiter.hit(emailKey(details), OFFERS_PER_EMAIL_HOUR, HOUR_MS, now)).allowed)
      return this.refuse(req, res, form, 'helpOffer.errors.rateLimitedEmail');
    await helpOffers.create(details, req.language, key);
    this.toSent(res, details.email);
  };

  /** The answer to an offer taken: check the email (the address stays out of the URL). */
  private toSent(res: Response, email: string) {
    // The address would sit in the browser history and in proxy logs.
    rememberSentTo(res, SENT_PAGE, email, this.deps.config.https);
    res.redirect(303, SENT_PAGE);
  }

  readonly sent = (req: Request, res: Response) => {
    if (req.query.confirmed === '1') return res.render('help/offers/already');
    res.render('help/offers/sent', { sentTo: takeSentTo(req, res, SENT_PAGE, this.deps.config.https) });
  };

  private refuse(req: Request, res: Response, form: OfferForm, message: string) {
    const errors = new OfferFormErrors();
    errors.add('form', message);
    return this.render(req, res, 429, form, errors);
  }

  private async render(
    req: Request,
    res: Response,
    status: number,
    form: OfferForm,
    errors: OfferFormErrors,
  ) {
    switchWithForm(req, res, { id: 'offer-form', action: '/help/offer' });
    res.status(status).render('help/offers/new', {
      ...(await offerFormChoices(this.deps.reference, req.language)),
      values: form.values,
      submissionKey: form.key,
      ...errors.toView(),
    });
  }
}
