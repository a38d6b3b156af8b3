import type { Request, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { statusLabel } from '../report-pages/status-words.js';
import { dateFormats } from '../report-pages/dates.js';
import type { Photo, Report, ReportUpdate } from '../reports/types.js';
import type { Services } from '../services.js';
import type { AbuseReport } from './abuse-repository.js';
import { isModerationError } from './errors.js';
import { fieldErrors, formMessages, hideSchema, MAX_HIDE_REASON, typed } from './forms.js';
import type { Subject } from './hiding.js';
import { idOf, ip, moderator, refOf, renderPage, reportLinks, staffThumb, targetOf } from './staff-page.js';
import { targetPath, type Target } from './targets.js';

type Deps = Pick<Services, 'moderation'>;
type Formats = ReturnType<typeof dateFormats>;
type FormState = { values: Record<string, string>; errors: Record<string, string>; status: number };

const emptyForm = (): FormState => ({ values: { reason: '' }, errors: {}, status: 200 });

/** Hide and show-again buttons for one thing of a report. */
const actions = (ref: string, target: Target) => ({
  hideUrl: `${targetPath(ref, target)}/hide`,
  unhideAction: `${targetPath(ref, target)}/unhide`,
});

function photoViews(ref: string, photos: readonly Photo[], formats: Formats) {
  return photos.map((photo, index) => ({
    n: index + 1,
    thumbUrl: staffThumb(ref, photo.id),
    hidden: photo.hiddenAt ? formats.dateTime(photo.hiddenAt) : null,
    ...actions(ref, { kind: 'photo', id: photo.id }),
  }));
}

/** A report as moderation shows it: every public thing on it, each with hide or show again. */
function overviewView(
  view: { report: Report; updates: ReportUpdate[]; photos: Photo[] },
  t: Translate,
  formats: Formats,
) {
  const { report } = view;
  const ref = report.ref;
  return {
    ref,
    title: report.title,
    description: report.description,
    // The language the resident wrote in, for `lang` on their words (a screen reader's voice).
    textLanguage: report.textLanguage,
    isPrivate: report.isPrivate,
    held: report.heldAt ? formats.dateTime(report.heldAt) : null,
    status: statusLabel(t, report.status, report.closeReason),
    hidden: report.hiddenAt ? formats.dateTime(report.hiddenAt) : null,
    hiddenReason: report.hiddenReason,
    ...reportLinks(ref, !report.isPrivate),
    ...actions(ref, { kind: 'report' }),
    photos: photoViews(ref, view.photos, formats),
    updates: view.updates
      .filter((update) => update.publicText || update.photos.length > 0)
      .map((update, index) => ({
        when: formats.dateTime(update.createdAt),
        // Two updates of one minute need more than their time to tell their buttons apart.
        label: t('moderation.report.updateLabel', { n: index + 1, when: formats.dateTime(update.createdAt) }),
        text: update.publicText,
        // A parish writes Latvian unless the update says otherwise.
        textLanguage: update.language ?? 'lv',
        hidden: update.hiddenAt ? formats.dateTime(update.hiddenAt) : null,
        photos: photoViews(ref, update.photos, formats),
        ...actions(ref, { kind: 'update', id: update.id }),
      })),
  };
}

/** What a hide form is about, for the moderator to see before deciding. */
function subjectView(subject: Subject, formats: Formats) {
  const { report, target, update, photo } = subject;
  return {
    ref: report.ref,
    reportTitle: report.title,
    kind: target.kind,
    text: target.kind === 'report' ? report.description : (update?.publicText ?? null),
    updateWhen: update ? formats.dateTime(update.createdAt) : null,
    thumbUrl: photo ? staffThumb(report.ref, photo.id) : null,
    hidden: subject.hiddenAt ? formats.dateTime(subject.hiddenAt) : null,
    hiddenReason: subject.hiddenReason,
    ...actions(report.ref, target),
    ...reportLinks(report.ref, !report.isPrivate),
  };
}

/**
 * Hiding and showing again: a report's moderation page, the hide form for the report, an update
 * or a photo (from there, or from an abuse report in the queue), and the show-again buttons.
 */
export class HidePages {
  constructor(private readonly deps: Deps) {}

  /** "Open a report by its reference" on the queue page. */
  readonly overview = async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const view = await this.deps.moderation.hiding.overview(moderator(req), refOf(req));
    renderPage(req, res, 'report', {
      title: t('moderation.report.title', { ref: view.report.ref }),
      report: overviewView(view, t, dateFormats(req.language)),
    });
  };

  readonly form = async (req: Request, res: Response) => {
    const subject = await this.deps.moderation.hiding.subject(moderator(req), refOf(req), targetOf(req));
    this.render(req, res, subject, emptyForm());
  };

  readonly hide = async (req: Request, res: Response) => {
    const ref = refOf(req);
    const subject = await this.deps.moderation.hiding.subject(moderator(req), ref, targetOf(req));
    if (await this.tryHide(req, res, subject))
      res.redirect(303, `/staff/moderation/reports/${ref}?done=hidden`);
  };

  readonly unhide = async (req: Request, res: Response) => {
    const ref = refOf(req);
    const done = await this.deps.moderation.hiding.unhide(moderator(req), ref, targetOf(req), ip(req));
    res.redirect(303, `/staff/moderation/reports/${ref}?done=${done === 'signed' ? 'keptSigned' : done}`);
  };

  /** "Hide it" from the queue: the form for what the abuse report is about, with its reason. */
  readonly abuseForm = async (req: Request<{ id: string }>, res: Response) => {
    const found = await this.abuseSubject(req, res);
    if (found) this.render(req, res, found.subject, emptyForm(), found.abuse);
  };

  readonly abuseHide = async (req: Request<{ id: string }>, res: Response) => {
    const found = await this.abuseSubject(req, res);
    if (found && (await this.tryHide(req, res, found.subject, found.abuse)))
      res.redirect(303, '/staff/moderation?done=hidden');
  };

  /** The open abuse report and what it is about; a handled one sends the moderator back to the queue. */
  private async abuseSubject(req: Request<{ id: string }>, res: Response) {
    const { abuse, hiding } = this.deps.moderation;
    try {
      const found = await abuse.open(moderator(req), idOf(req.params.id));
      const subject = await hiding.subject(moderator(req), found.report.ref, found.abuse.target);
      return { abuse: found.abuse, subject };
    } catch (error) {
      if (!isModerationError(error, 'handled')) throw error;
      res.redirect(303, '/staff/moderation?done=handled');
      return undefined;
    }
  }

  /** Validates and hides; false when the form was shown again with what went wrong. */
  private async tryHide(
    req: Request,
    res: Response,
    subject: Subject,
    abuse?: AbuseReport,
  ): Promise<boolean> {
    const values = typed(req.body, ['reason']);
    const parsed = hideSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      this.render(
        req,
        res,
        subject,
        { values, errors: fieldErrors(parsed.error.issues), status: 422 },
        abuse,
      );
      return false;
    }
    const { hiding } = this.deps.moderation;
    try {
      await hiding.hide(moderator(req), subject.report.ref, subject.target, parsed.data.reason, ip(req));
      return true;
    } catch (error) {
      // Another moderator hid it meanwhile: the page shows since when, and why.
      if (!isModerationError(error, 'already_hidden')) throw error;
      const now = await hiding.subject(moderator(req), subject.report.ref, subject.target);
      this.render(
        req,
        res,
        now,
        { values, errors: { form: 'moderation.errors.already_hidden' }, status: 409 },
        abuse,
      );
      return false;
    }
  }

  private render(req: Request, res: Response, subject: Subject, form: FormState, abuse?: AbuseReport) {
    const t = res.locals.t as Translate;
    const failed = Object.keys(form.errors).length > 0;
    renderPage(req, res, 'hide', {
      title:
        (failed ? `${t('moderation.errorPrefix')} ` : '') + t(`moderation.hide.title.${subject.target.kind}`),
      status: form.status,
      subject: subjectView(subject, dateFormats(req.language)),
      abuse: abuse ? { reason: abuse.reason, action: `/staff/moderation/abuse/${abuse.id}/hide` } : null,
      values: form.values,
      ...formMessages(form.errors, form.values, { reason: MAX_HIDE_REASON }),
      maxReason: MAX_HIDE_REASON,
    });
  }
}
