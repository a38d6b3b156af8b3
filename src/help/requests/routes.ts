import { Router, type Request, type Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import { normaliseRef } from '../../reports/refs.js';
import type { Report } from '../../reports/types.js';
import type { Services } from '../../services.js';
import { isFreshSwitch, isLanguageSwitch, switchWithForm } from '../../web/language-switch.js';
import { originCheck } from '../../web/origin-check.js';
import { keepSubmissionKey, newSubmissionKey, submissionKeyOf } from '../../web/submission-key.js';
import { rememberSentTo, takeSentTo } from '../../web/sent-to.js';
import { parseForm } from '../../web/uploads.js';
import {
  REQUEST_FIELDS,
  emptyRequestValues,
  requestSchema,
  requestValues,
  type RequestFormData,
  type RequestValues,
} from './schema.js';
import { HelpRequestError } from './service.js';
import { formErrors, noErrors, requestChoices, type Message } from './view.js';
import { helpRequestEmailKey, helpRequestPhoneKey } from '../../ratelimit/address-keys.js';
import { limitClient } from '../../ratelimit/client.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
// A village may share one mobile address, yet a request is rare: five an hour from one address,
// and three a day naming one email or phone (the asker's or the person's), so nobody is flooded.
const PER_IP = 5;
const PER_CONTACT = 3;

type Deps = Pick<Services, 'config' | 'reference' | 'helpRequests' | 'limiter' | 'clock'>;

const ipKey = (req: Request) => `help-request:ip:${limitClient(req)}`;
const first = (value: unknown) => (typeof value === 'string' ? value : '');

/** The contacts a request names (the asker's and the person's), as rate-limit keys. */
function contactKeys(data: RequestFormData): string[] {
  const keys = (email: string | null | undefined, phone: string | null | undefined) => [
    ...(email ? [helpRequestEmailKey(email)] : []),
    ...(phone ? [helpRequestPhoneKey(phone)] : []),
  ];
  return [
    ...new Set([
      ...keys(data.email, data.phone),
      ...keys(data.details.subjectEmail, data.details.subjectPhone),
    ]),
  ];
}

/** The form as shown: its values and the key of this render (src/web/submission-key.ts). */
interface RequestForm {
  values: RequestValues;
  key: string;
}

const SENT_PAGE = '/help/request/sent';

/**
 * The page that says a request arrived, with its number and how the asker will hear (the address
 * stays out of the URL: browser history, proxy logs; it rides in a cookie for that page alone).
 */
function sentPage(res: Response, report: Pick<Report, 'ref' | 'reporterEmail'>, https: boolean) {
  if (report.reporterEmail) rememberSentTo(res, SENT_PAGE, report.reporterEmail, https);
  res.redirect(303, `${SENT_PAGE}?ref=${report.ref}&by=${report.reporterEmail ? 'email' : 'phone'}`);
}

/** Asking for help: the form, sending it, and the page that says it arrived. */
class HelpRequestPage {
  constructor(private readonly deps: Deps) {}

  show = async (req: Request, res: Response) => {
    const { reference } = this.deps;
    // Links from elsewhere ("help for an elderly person in Kaunata") preset the two choices.
    const category = await reference.category(first(req.query.category));
    const parish = await reference.parish(first(req.query.parish));
    const values = emptyRequestValues({
      ...(category?.active && category.kind === 'help' ? { category: category.code } : {}),
      ...(parish ? { parish: parish.code } : {}),
    });
    if (!values.category) values.category = (await this.helpCategories())[0] ?? '';
    await this.render(req, res, 200, { values, key: newSubmissionKey() }, noErrors());
  };

  submit = async (req: Request, res: Response) => {
    const { limiter, helpRequests } = this.deps;
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The language switcher of the form shown again: the form in that language, as it was typed,
    // with its key, so the one sending that follows is still taken once, and with the errors of
    // what was typed said again in that language; nothing counted, saved or sent.
    if (isLanguageSwitch(body)) {
      const form = { values: requestValues(body), key: keepSubmissionKey(body) };
      // A form not sent yet comes back as typed, unchecked.
      if (isFreshSwitch(body)) return this.render(req, res, 200, form, noErrors());
      const parsed = await this.check(form.values, req.language);
      if (!parsed.success)
        return this.render(req, res, 422, form, formErrors(parsed.error.issues, REQUEST_FIELDS));
      // A limit reached is said again too, without counting the switch.
      const limited = await this.limitReached(req, parsed.data);
      if (limited) return this.refuse(req, res, form, limited);
      return this.render(req, res, 200, form, noErrors());
    }
    // The same form sent again (a double click, a resend after a slow link): the answer the first
    // had, and nothing made, sent or counted.
    const submissionKey = submissionKeyOf(body);
    const first = submissionKey ? await helpRequests.bySubmissionKey(submissionKey) : undefined;
    if (first) return sentPage(res, first, this.deps.config.https);
    const form = { values: requestValues(body), key: keepSubmissionKey(body) };
    const parsed = await this.check(form.values, req.language);
    if (!parsed.success)
      return this.render(req, res, 422, form, formErrors(parsed.error.issues, REQUEST_FIELDS));
    // The same request sent again after going back to the form (a new key, the words refilled):
    // the first's answer, and nothing counted; `create` knows it again too, should both race.
    const earlier = await helpRequests.resendOf(parsed.data);
    if (earlier) return sentPage(res, earlier, this.deps.config.https);
    // Counted on sending, not on every mistake: a person correcting the form is not refused. Each
    // limit is first read without counting (the address's first, so a flood is turned away before
    // anything else), and both are counted only for a request that is taken: one refused for its
    // contact uses up none of the address's five, which a social office or a library shares.
    const limited = await this.limitReached(req, parsed.data);
    if (limited) return this.refuse(req, res, form, limited);
    const now = this.deps.clock();
    // Counting still refuses, should requests sent at the same moment have filled a limit between.
    if (!(await limiter.hit(ipKey(req), PER_IP, HOUR_MS, now)).allowed)
      return this.refuse(req, res, form, 'helpRequest.errors.rateLimitedIp');
    for (const key of contactKeys(parsed.data)) {
      if (!(await limiter.hit(key, PER_CONTACT, DAY_MS, now)).allowed)
        return this.refuse(req, res, form, 'helpRequest.errors.rateLimitedContact');
    }
    try {
      const { report } = await helpRequests.create({ ...parsed.data, language: req.language, submissionKey });
      sentPage(res, report, this.deps.config.https);
    } catch (error) {
      if (!(error instanceof HelpRequestError)) throw error;
      const field = error.code === 'categoryRequired' ? 'category' : 'parish';
      const message: Message = { key: `helpRequest.errors.${error.code}` };
      return this.render(req, res, 422, form, formErrors([], REQUEST_FIELDS, [{ field, message }]));
    }
  };

  sent = (req: Request, res: Response) => {
    res.render('help/requests/sent', {
      ref: normaliseRef(first(req.query.ref)) ?? null,
      byEmail: req.query.by === 'email',
      sentTo: takeSentTo(req, res, SENT_PAGE, this.deps.config.https),
    });
  };

  /** The limit the request would reach if sent now (nothing counted), as its message's key. */
  private async limitReached(req: Request, data: RequestFormData): Promise<string | undefined> {
    const { limiter } = this.deps;
    const now = this.deps.clock();
    if (await limiter.full(ipKey(req), PER_IP, HOUR_MS, now)) return 'helpRequest.errors.rateLimitedIp';
    for (const key of contactKeys(data)) {
      if (await limiter.full(key, PER_CONTACT, DAY_MS, now)) return 'helpRequest.errors.rateLimitedContact';
    }
    return undefined;
  }

  /** The form's fields checked against the categories and parishes as they are now: nothing else. */
  private async check(values: RequestValues, language: string) {
    return requestSchema({
      language,
      helpCategories: await this.helpCategories(),
      parishes: (await this.deps.reference.parishes()).map((parish) => parish.code),
      inboundDomain: this.deps.config.inboundDomain,
    }).safeParse(values);
  }

  private async helpCategories(): Promise<string[]> {
    return (await this.deps.reference.categories())
      .filter((category) => category.active && category.kind === 'help')
      .map((category) => category.code);
  }

  /** The form again with one message for the whole of it: a rate limit was reached. */
  private refuse(req: Request, res: Response, form: RequestForm, key: string) {
    return this.render(
      req,
      res,
      429,
      form,
      formErrors([], REQUEST_FIELDS, [{ field: 'form', message: { key } }]),
    );
  }

  private async render(
    req: Request,
    res: Response,
    status: number,
    form: RequestForm,
    errors: ReturnType<typeof formErrors>,
  ) {
    const t = res.locals.t as Translate;
    switchWithForm(req, res, { id: 'help-request-form', action: '/help/request' });
    res.status(status).render('help/requests/new', {
      ...(await requestChoices(this.deps.reference, t, req.language)),
      ...errors,
      values: form.values,
      submissionKey: form.key,
    });
  }
}

/** The public pages of asking for help. */
export function helpRequestRoutes(services: Deps): Router {
  const router = Router();
  const sameOrigin = originCheck({ publicUrl: services.config.publicUrl });
  const page = new HelpRequestPage(services);
  router.get('/help/request', page.show);
  router.post('/help/request', sameOrigin, parseForm, page.submit);
  router.get(SENT_PAGE, page.sent);
  return router;
}
