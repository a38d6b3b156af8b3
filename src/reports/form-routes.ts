import { Router, type Request, type Response } from 'express';
import type { Services } from '../app.js';
import { isLanguage } from '../i18n/index.js';
import { MAX_PHOTOS, type PendingPhoto } from '../photos/service.js';
import { AppError, BadRequestError, NotFoundError } from '../web/errors.js';
import { originCheck } from '../web/origin-check.js';
import { parseForm, parsePhotoForm, tooLargePhotos, uploadedPhotos } from '../web/uploads.js';
import { confirmRoutes } from './confirm-routes.js';
import {
  allStrings,
  firstString,
  formValues,
  newReportInput,
  reportFormSchema,
  subscribeSchema,
} from './form-schema.js';
import type { ReportFormValues } from './form-schema.js';
import {
  FormErrors,
  PHOTO_MESSAGES,
  emptyValues,
  formChoices,
  photoViews,
  shortName,
  tooLargeMessages,
  uploadLimitMessage,
} from './form-view.js';
import { normaliseRef } from './refs.js';
import { ReportError } from './service.js';

const HOUR_MS = 60 * 60 * 1000;
// A whole village may share one mobile IP, so the per-IP limit is generous; the per-address limit
// stops one person (or a script using one address) from flooding a parish office.
const PER_IP = 20;
const PER_EMAIL = 5;

interface FormState {
  values: ReportFormValues;
  photos: readonly PendingPhoto[];
  errors: FormErrors;
}

/** The report form, the review of nearby reports, and the confirmation links. */
export function reportFormRoutes(services: Services): Router {
  const { config, reference, reports, photos, limiter, clock } = services;
  const router = Router();
  const sameOrigin = originCheck({ publicUrl: config.publicUrl });

  async function renderForm(req: Request, res: Response, status: number, state: FormState) {
    const { fields, summary } = state.errors.toView();
    res.status(status).render('reports/new', {
      ...(await formChoices(reference, req.language)),
      values: state.values,
      photos: photoViews(state.photos),
      errors: fields,
      errorSummary: summary,
      map: { tileUrl: config.mapTileUrl, attribution: config.mapAttribution },
    });
  }

  /** New files become pending uploads at once (up to five in all); their problems become errors. */
  async function takePhotos(req: Request, kept: PendingPhoto[], errors: FormErrors, now: Date) {
    if (req.uploadLimit) errors.add('photos', uploadLimitMessage(req.uploadLimit));
    for (const message of tooLargeMessages(tooLargePhotos(req))) errors.add('photos', message);
    const files = uploadedPhotos(req);
    const room = MAX_PHOTOS - kept.length;
    if (files.length > room) errors.add('photos', { key: 'uploads.errors.tooManyFiles' });
    const accepted = await photos.accept(files.slice(0, Math.max(room, 0)), now);
    for (const problem of accepted.problems) {
      errors.add('photos', { key: PHOTO_MESSAGES[problem.code], vars: { file: shortName(problem.file) } });
    }
    return [...kept, ...accepted.pending];
  }

  router.get('/reports/new', async (req, res) => {
    // Links from elsewhere ("report a road problem in Kaunata") preset the two choices; unknown
    // codes simply leave the choice empty.
    const values = emptyValues();
    const category = await reference.category(firstString(req.query.category));
    if (category?.active) values.category = category.code;
    const parish = await reference.parish(firstString(req.query.parish));
    if (parish) values.parish = parish.code;
    await renderForm(req, res, 200, { values, photos: [], errors: new FormErrors() });
  });

  router.post('/reports', sameOrigin, parsePhotoForm('photos'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = formValues(body);
    const errors = new FormErrors();
    const now = clock();
    // Photos accepted by an earlier attempt ride along as ids, less those the resident removed.
    const removed = new Set(allStrings(body.remove_photos));
    let kept = (await photos.pending(allStrings(body.pending_photos)))
      .filter((photo) => !removed.has(photo.id))
      .slice(0, MAX_PHOTOS);

    // "Change my report" on the review page: back to the form as it was, nothing checked yet.
    if (firstString(body.edit) === '1') return renderForm(req, res, 200, { values, photos: kept, errors });

    // Counted per attempt and before any photo is decoded: the photo work is what a flood costs.
    if (!(await limiter.hit(`report-form:ip:${req.ip ?? 'unknown'}`, PER_IP, HOUR_MS, now)).allowed) {
      errors.add('form', { key: 'reportForm.errors.rateLimitedIp' });
      return renderForm(req, res, 429, { values, photos: kept, errors });
    }

    kept = await takePhotos(req, kept, errors, now);

    const schema = reportFormSchema({
      categories: await reference.categories(),
      parishes: await reference.parishes(),
    });
    const parsed = schema.safeParse(values);
    if (!parsed.success) errors.addIssues(parsed.error.issues);
    if (!parsed.success || errors.any) return renderForm(req, res, 422, { values, photos: kept, errors });
    const data = parsed.data;

    if (firstString(body.reviewed) !== '1') {
      const nearby = await reports.nearby({
        categoryCode: data.category,
        parishCode: data.parish,
        lat: data.lat,
        lon: data.lon,
      });
      if (nearby.length > 0) {
        return res.render('reports/review', { nearby, values, photos: photoViews(kept) });
      }
    }

    const emailKey = `report-form:email:${data.email.toLowerCase()}`;
    if (!(await limiter.hit(emailKey, PER_EMAIL, HOUR_MS, now)).allowed) {
      errors.add('form', { key: 'reportForm.errors.rateLimitedEmail' });
      return renderForm(req, res, 429, { values, photos: kept, errors });
    }
    try {
      await reports.create(newReportInput(data, req.language), kept);
    } catch (error) {
      // A double click sends the form twice at once: the first took the photos, so this one failed
      // to claim them and wrote nothing. The report exists, so both get the same answer.
      const unclaimed = await photos.pending(kept.map((photo) => photo.id));
      if (unclaimed.length === kept.length) throw error;
    }
    // The address stays out of the URL: it would sit in the browser history and in proxy logs. A
    // private request's page says who alone will receive it.
    const isPrivate = (await reference.category(data.category))?.visibility === 'private';
    res.redirect(303, isPrivate ? '/reports/sent?private=1' : '/reports/sent');
  });

  router.get('/reports/sent', (req, res) =>
    res.render('reports/sent', { isPrivate: req.query.private === '1' }),
  );

  router.post('/reports/:ref/subscribe', sameOrigin, parseForm, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = subscribeSchema.safeParse({
      name: firstString(body.name),
      email: firstString(body.email),
    });
    if (!parsed.success) throw new BadRequestError();
    const now = clock();
    const ipAllowed = (await limiter.hit(`subscribe:ip:${req.ip ?? 'unknown'}`, PER_IP, HOUR_MS, now))
      .allowed;
    const emailKey = `subscribe:email:${parsed.data.email.toLowerCase()}`;
    if (!ipAllowed || !(await limiter.hit(emailKey, PER_EMAIL, HOUR_MS, now)).allowed) {
      throw new AppError(429, 'rate_limited', 'subscriptions.rateLimited');
    }
    const language = isLanguage(body.language) ? body.language : req.language;
    const ref = normaliseRef(req.params.ref);
    if (!ref) throw new NotFoundError();
    try {
      const report = await reports.subscribe(ref, { ...parsed.data, language });
      res.redirect(303, `/subscriptions/sent?ref=${encodeURIComponent(report.ref)}`);
    } catch (error) {
      if (error instanceof ReportError) throw new NotFoundError();
      throw error;
    }
  });

  router.get('/subscriptions/sent', (req, res) => {
    res.render('subscriptions/sent', { ref: normaliseRef(req.query.ref) ?? null });
  });

  router.use(confirmRoutes(services, sameOrigin));
  return router;
}
