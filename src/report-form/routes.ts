import { Router, type Request, type Response } from 'express';
import {
  PHOTO_MESSAGES,
  shortName,
  tooLargeMessages,
  tooManyMessages,
  uploadLimitMessage,
} from '../photos/messages.js';
import { MAX_PHOTOS } from '../photos/service.js';
import type { PendingPhoto } from '../photos/types.js';
import { publicSummary } from '../report-pages/summary-view.js';
import type { NewReportInput } from '../reports/new-report.js';
import { canConfirm } from '../reports/states.js';
import type { Services } from '../services.js';
import { isFreshSwitch, isLanguageSwitch, switchWithForm } from '../web/language-switch.js';
import { originCheck } from '../web/origin-check.js';
import { rememberSentTo, takeSentTo } from '../web/sent-to.js';
import { parsePhotoForm, removeHeldFiles, tooLargePhotos, uploadedPhotos } from '../web/uploads.js';
import { confirmRoutes } from './confirm-routes.js';
import {
  allStrings,
  firstString,
  formValues,
  LIMITS,
  newReportInput,
  reportFormSchema,
  type ReportFormData,
  type ReportFormValues,
  type TextField,
} from './schema.js';
import { FormErrors, emptyValues, formChoices, photoViews } from './view.js';
import { reportFormEmailKey } from '../ratelimit/address-keys.js';
import { limitClient } from '../ratelimit/client.js';

const HOUR_MS = 60 * 60 * 1000;
const SENT_PAGE = '/reports/sent';
/** The answer to the form sent again for a report already confirmed: no email went this time. */
const CONFIRMED_PAGE = `${SENT_PAGE}?confirmed=1`;
// The fields with a length limit of their own (`<field>TooLong`), which a far too long value broke.
const LONG_TEXT: ReadonlySet<string> = new Set(Object.keys(LIMITS).filter((field) => field !== 'email'));
// A whole village may share one mobile IP, so the per-IP limit is generous; the per-address limit
// stops one person (or a script using one address) from flooding a parish office.
const PER_IP = 20;
const PER_EMAIL = 5;
const ipKey = (req: Request) => `report-form:ip:${limitClient(req)}`;
const emailKey = (data: ReportFormData) => reportFormEmailKey(data.email);

interface FormState {
  values: ReportFormValues;
  photos: readonly PendingPhoto[];
  errors: FormErrors;
  /** A text field the parser cut off for its length (it is not in `values`). */
  cut?: string;
}

type FormDeps = Pick<
  Services,
  | 'config'
  | 'reference'
  | 'reports'
  | 'reportList'
  | 'photos'
  | 'limiter'
  | 'clock'
  | 'uploads'
  | 'publicWords'
>;

/** The report form, the review of nearby reports, and the confirmation links. */
export function reportFormRoutes(services: FormDeps & Pick<Services, 'routing' | 'links'>): Router {
  const router = Router();
  const sameOrigin = originCheck({ publicUrl: services.config.publicUrl });
  const form = new ReportFormPage(services);
  router.get('/reports/new', form.show);
  router.post('/reports', sameOrigin, parsePhotoForm('photos', services.uploads), form.submit);
  router.get(SENT_PAGE, form.sent);
  router.use(confirmRoutes(services, sameOrigin));
  return router;
}

/** The form's handlers; each step of a submission is a method of its own. */
class ReportFormPage {
  constructor(private readonly deps: FormDeps) {}

  readonly show = async (req: Request, res: Response) => {
    const { reference } = this.deps;
    // Links from elsewhere ("report a road problem in Kaunata") preset the two choices; unknown
    // codes simply leave the choice empty.
    const values = emptyValues();
    const category = await reference.category(firstString(req.query.category));
    if (category?.active) values.category = category.code;
    const parish = await reference.parish(firstString(req.query.parish));
    if (parish) values.parish = parish.code;
    await this.render(req, res, 200, { values, photos: [], errors: new FormErrors() });
  };

  readonly submit = async (req: Request, res: Response) => {
    const { limiter } = this.deps;
    const body = req.body as Record<string, unknown>;
    const values = formValues(body);
    const state: FormState = { values, photos: [], errors: new FormErrors() };
    const now = this.deps.clock();
    state.photos = await this.keptPhotos(body);
    // "Change my report" on the review page: back to the form as it was, nothing checked yet.
    if (firstString(body.edit) === '1') return this.render(req, res, 200, state);
    // The photo work a flood costs is bounded by the upload budget (counted before parsing), so
    // the photos are taken first: a form refused below keeps them as well as the text.
    state.photos = await this.takePhotos(req, state, now);
    if (isLanguageSwitch(body)) return this.switchLanguage(req, res, state, body);
    const data = await this.validate(state);
    // A form to correct (a missing field) is no submission: it counts toward no limit.
    if (!data) return this.render(req, res, 422, state);
    // The same form sent again (the resident went back to it): the first's answer, and nothing
    // made, sent or counted. New photos make it a new report; `create` knows it again at a race.
    // Once the report is confirmed, "check your email" would send the resident looking for an
    // email that never comes: the page says it is confirmed instead.
    const input = newReportInput(data, req.language);
    const earlier = state.photos.length === 0 ? await this.deps.reports.resendOf(input) : undefined;
    if (earlier && !canConfirm(earlier.status)) return res.redirect(303, CONFIRMED_PAGE);
    if (earlier) return this.toSent(res, data);
    if (firstString(body.reviewed) !== '1' && (await this.reviewNearby(req, res, data, state))) return;
    if (!(await limiter.hit(ipKey(req), PER_IP, HOUR_MS, now)).allowed)
      return this.refuse(req, res, state, 'reportForm.errors.rateLimitedIp');
    if (!(await limiter.hit(emailKey(data), PER_EMAIL, HOUR_MS, now)).allowed)
      return this.refuse(req, res, state, 'reportForm.errors.rateLimitedEmail');
    await this.create(input, state.photos);
    await this.toSent(res, data);
  };

  /** The answer to a report taken: check the email (the address stays out of the URL). */
  private async toSent(res: Response, data: ReportFormData) {
    // The address would sit in the browser history and in proxy logs. A private request's page
    // says who alone will receive it.
    const isPrivate = (await this.deps.reference.category(data.category))?.visibility === 'private';
    rememberSentTo(res, SENT_PAGE, data.email, this.deps.config.https);
    res.redirect(303, isPrivate ? '/reports/sent?private=1' : '/reports/sent');
  }

  readonly sent = (req: Request, res: Response) => {
    if (req.query.confirmed === '1') return res.render('reports/already');
    const sentTo = takeSentTo(req, res, SENT_PAGE, this.deps.config.https);
    res.render('reports/sent', { isPrivate: req.query.private === '1', sentTo });
  };

  private async render(req: Request, res: Response, status: number, state: FormState) {
    const { config, reference } = this.deps;
    const { fields, summary } = state.errors.toView();
    switchWithForm(req, res, { id: 'report-form', action: '/reports' });
    res.status(status).render('reports/new', {
      ...(await formChoices(reference, req.language)),
      values: state.values,
      photos: photoViews(state.photos),
      errors: fields,
      errorSummary: summary,
      map: { tileUrl: config.mapTileUrl, attribution: config.mapAttribution },
    });
  }

  /**
   * The language switcher of a page shown from a POST: the same page in the language chosen, with
   * what was typed and its photos (files chosen meanwhile are taken as on sending, and one refused
   * is named), and the errors of what was typed, said again in that language: the fields are
   * checked as on sending, but nothing is counted, saved or sent.
   */
  private async switchLanguage(req: Request, res: Response, state: FormState, body: Record<string, unknown>) {
    // A form not sent yet comes back as typed, unchecked (a photo refused is still named).
    if (isFreshSwitch(body)) return this.render(req, res, state.errors.any ? 422 : 200, state);
    const data = await this.validate(state);
    // The review step shows its reports again in that language; the form, its errors.
    if (data && firstString(body.reviewed) === '1' && (await this.reviewNearby(req, res, data, state)))
      return;
    const { limiter } = this.deps;
    const now = this.deps.clock();
    // A limit reached is said again too, without counting the switch.
    if (data && (await limiter.full(ipKey(req), PER_IP, HOUR_MS, now)))
      return this.refuse(req, res, state, 'reportForm.errors.rateLimitedIp');
    if (data && (await limiter.full(emailKey(data), PER_EMAIL, HOUR_MS, now)))
      return this.refuse(req, res, state, 'reportForm.errors.rateLimitedEmail');
    return this.render(req, res, state.errors.any ? 422 : 200, state);
  }

  /** The form again with one message for the whole of it: a rate limit was reached. */
  private refuse(req: Request, res: Response, state: FormState, key: string) {
    state.errors.add('form', { key });
    return this.render(req, res, 429, state);
  }

  /** Photos accepted by an earlier attempt ride along as ids, less those the resident removed. */
  private async keptPhotos(body: Record<string, unknown>): Promise<PendingPhoto[]> {
    const removed = new Set(allStrings(body.remove_photos));
    return (await this.deps.photos.pending(allStrings(body.pending_photos)))
      .filter((photo) => !removed.has(photo.id))
      .slice(0, MAX_PHOTOS);
  }

  /** New files become pending uploads at once (up to five in all); their problems become errors. */
  private async takePhotos(req: Request, state: FormState, now: Date): Promise<PendingPhoto[]> {
    const { errors } = state;
    const cut = req.uploadLimit?.field;
    if (cut && LONG_TEXT.has(cut)) {
      // Tens of kilobytes in one field: said at the field, as a text over its limit is.
      errors.add(cut as TextField, { key: `reportForm.errors.${cut}TooLong` });
      state.cut = cut;
    } else if (req.uploadLimit) errors.add('photos', uploadLimitMessage(req.uploadLimit));
    for (const message of tooLargeMessages(tooLargePhotos(req))) errors.add('photos', message);
    const files = uploadedPhotos(req);
    const room = Math.max(MAX_PHOTOS - state.photos.length, 0);
    // A full disk or a failing storage is the file's problem: the form comes back with the text.
    const accepted = await this.deps.photos.accept(files.slice(0, room), now, { storageErrors: 'report' });
    for (const problem of accepted.problems) {
      errors.add('photos', { key: PHOTO_MESSAGES[problem.code], vars: { file: shortName(problem.file) } });
    }
    const dropped = files.slice(room).map((file) => file.originalname);
    for (const message of tooManyMessages(dropped)) errors.add('photos', message);
    // Those not taken go now, as the taken ones did, not once the answer has gone.
    await removeHeldFiles(req);
    return [...state.photos, ...accepted.pending];
  }

  /** The checked form, or undefined when anything (a field or a photo) needs the resident again. */
  private async validate(state: FormState): Promise<ReportFormData | undefined> {
    const { reference } = this.deps;
    const schema = reportFormSchema({
      categories: await reference.categories(),
      parishes: await reference.parishes(),
      inboundDomain: this.deps.config.inboundDomain,
    });
    const parsed = schema.safeParse(state.values);
    // The field cut off by the parser was said to be too long already, not missing.
    if (!parsed.success)
      state.errors.addIssues(parsed.error.issues.filter((issue) => issue.path[0] !== state.cut));
    return !parsed.success || state.errors.any ? undefined : parsed.data;
  }

  /** Open reports like this one nearby, shown once before sending: true when the page was shown. */
  private async reviewNearby(
    req: Request,
    res: Response,
    data: ReportFormData,
    state: FormState,
  ): Promise<boolean> {
    const nearby = await this.deps.reportList.nearby({
      categoryCode: data.category,
      parishCode: data.parish,
      lat: data.lat,
      lon: data.lon,
    });
    if (nearby.length === 0) return false;
    switchWithForm(req, res, { id: 'review-form', action: '/reports' });
    res.render('reports/review', {
      nearby: nearby.map((report) => publicSummary(report, this.deps.publicWords)),
      values: state.values,
      photos: photoViews(state.photos),
    });
    return true;
  }

  private async create(input: NewReportInput, kept: readonly PendingPhoto[]) {
    try {
      await this.deps.reports.createFromForm(input, kept);
    } catch (error) {
      // A double click sends the form twice at once: the first took the photos, so this one failed
      // to claim them and wrote nothing. The report exists, so both get the same answer.
      const unclaimed = await this.deps.photos.pending(kept.map((photo) => photo.id));
      if (unclaimed.length === kept.length) throw error;
    }
  }
}
