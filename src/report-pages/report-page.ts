import type { Request, Response } from 'express';
import type { Language, Translate } from '../i18n/index.js';
import { MAX_PHOTOS } from '../photos/service.js';
import { normaliseRef } from '../reports/refs.js';
import type { Viewed } from '../reports/types.js';
import { wordsAbout } from '../reports/words-about.js';
import type { Services } from '../services.js';
import { doneNotice } from '../web/done-notice.js';
import { NotFoundError } from '../web/errors.js';
import { languageLinks } from '../web/i18n.js';
import { emptyActionForm, formToken, MAX_ACTION_TEXT, type ActionFormState } from './action-form.js';
import { privateWordsContext } from '../reports/private-readers.js';
import { reportPageView, reporterActions, type ReportPageView } from './page-view.js';
import type { AskerHistoryStep } from '../help/matching/asker-history.js';
import { dateFormats } from './dates.js';

export type { Viewed };

const DONE = ['comment', 'resolve', 'reopen', 'withdraw'] as const;
const queryString = (value: unknown) => (typeof value === 'string' ? value : undefined);

type Deps = Pick<Services, 'reports' | 'reference' | 'links' | 'publicWords' | 'helpTitles'> & {
  /** What the asker of a request for help reads of its matching (help/matching). */
  helpAskerHistory: Pick<Services['helpAskerHistory'], 'of'>;
};

/** A report's page (public, or the reporter's own with their actions) and its withdraw page. */
export class ReportPage {
  constructor(private readonly deps: Deps) {}

  readonly show = async (req: Request<{ ref: string }>, res: Response) => {
    const ref = normaliseRef(req.params.ref);
    if (ref && ref !== req.params.ref) {
      // One address per report: `rzn-2026-00042` (as typed from a letter) goes to the canonical one.
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      res.redirect(301, `/reports/${ref}${query}`);
      return;
    }
    const found = ref ? await this.deps.reports.lookup(ref, queryString(req.query.token)) : undefined;
    if (found?.kind === 'hidden') return gonePage(res, 'moderation.gone', found.hiddenAt, req.language);
    if (found?.kind === 'withdrawn') return gonePage(res, 'reports.gone', found.withdrawnAt, req.language);
    if (found?.kind === 'erased') return gonePage(res, 'reports.erased', found.erasedAt, req.language);
    await this.render(req, res, this.shown(found, res));
  };

  readonly withdraw = async (req: Request<{ ref: string }>, res: Response) => {
    const viewed = await this.find(normaliseRef(req.params.ref), queryString(req.query.token), res);
    if (!viewed.asReporter || !reporterActions(viewed.report).withdraw) throw new NotFoundError();
    await this.renderWithdraw(req, res, viewed, queryString(req.query.token)!, { text: '' });
  };

  /**
   * The page that confirms a withdrawal, with the reporter's reason and its error when they sent one.
   * A request's title is Tilts's words in the reader's language; a resident's carries its own.
   */
  async renderWithdraw(
    req: Request,
    res: Response,
    viewed: Viewed,
    token: string,
    form: { text: string; error?: string | undefined },
  ) {
    const { report } = viewed;
    const t = res.locals.t as Translate;
    const context = await this.wordsFor(report);
    const help = context === 'help';
    const [before, after = ''] = t('reports.withdraw.question', {
      title: '\u0000',
      ref: report.ref,
      context,
    }).split('\u0000');
    const title = t('reports.withdraw.title', { context });
    res.status(form.error ? 422 : 200).render('reports/withdraw', {
      // Refused, its title says so first, as every form's does: a screen reader hears it on load.
      title: form.error ? t('reports.actions.errorTitle', { title }) : title,
      heading: title,
      ref: report.ref,
      question: { before, after },
      // Only the reporter reaches this page (by their token): their own title, as they typed it.
      reportTitle: help ? this.deps.helpTitles.in(report.title, req.language) : report.title,
      titleLanguage: help ? req.language : report.textLanguage,
      isPrivate: report.isPrivate,
      /** What it says of withdrawing a private report: an administration's report, or a request's. */
      privateContext: privateWordsContext(viewed.privateReaders, context),
      /** i18next's context of its buttons: a request's, or a report's. */
      wordsFor: context,
      token,
      text: form.text,
      error: form.error,
      maxText: MAX_ACTION_TEXT,
    });
  }

  /** i18next's context of the words about a report: `help` for a request for help (or one erased). */
  wordsFor(report: Viewed['report']): Promise<'help' | ''> {
    return wordsAbout(report, this.deps.reference);
  }

  /** The report's page; with `form`, the action form again with what the reporter sent and its errors. */
  async render(req: Request, res: Response, viewed: Viewed, form?: ActionFormState, status = 422) {
    const { reference, links, publicWords, helpTitles } = this.deps;
    const t = res.locals.t as Translate;
    const token = viewed.asReporter
      ? (queryString(req.query.token) ?? formToken((req.body ?? {}) as Record<string, unknown>))
      : undefined;
    const report = await reportPageView({
      ...viewed,
      language: req.language,
      t,
      reference,
      links,
      publicWords,
      titles: helpTitles,
    });
    // The asker of a request for help reads how its matching went in the same history.
    if (viewed.asReporter && report.wordsFor === 'help')
      report.timeline = withAskerSteps(
        report.timeline,
        await this.deps.helpAskerHistory.of(viewed.report.id),
        t,
        req.language,
      );
    if (form && token)
      pointLanguagesAt(res, `/reports/${report.ref}?token=${encodeURIComponent(token)}`, req.language);
    res.status(form ? status : 200).render('reports/show', {
      title: form
        ? t('reports.actions.errorTitle', { title: report.title })
        : viewed.asReporter
          ? t('reports.show.ownTitle', { title: report.title, context: report.wordsFor })
          : report.title,
      report,
      asReporter: viewed.asReporter,
      token,
      // A reporter's link cut short or changed: they are told, not left on the public page unaware.
      badToken: !viewed.asReporter && queryString(req.query.token) !== undefined,
      actions: viewed.asReporter ? reporterActions(viewed.report) : undefined,
      done: viewed.asReporter && doneNotice(req.query.done, DONE),
      duplicateOf: viewed.duplicateOf ?? null,
      form: form ?? emptyActionForm(),
      maxText: MAX_ACTION_TEXT,
      maxPhotos: MAX_PHOTOS,
    });
  }

  /** Finds the report a URL names, as this visitor may see it; anything else is a plain 404. */
  async find(ref: string | undefined, token: string | undefined, res: Response): Promise<Viewed> {
    return this.shown(ref ? await this.deps.reports.view(ref, token) : undefined, res);
  }

  private shown(viewed: Viewed | undefined, res: Response): Viewed {
    if (!viewed) throw new NotFoundError();
    // A page that carries the reporter's token is for them alone: no cache may keep it.
    if (viewed.asReporter) res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    return viewed;
  }
}

/**
 * A report a moderator hid, or its sender withdrew: gone from the public (410), the page says so
 * and when, and nothing else: no title, no words, never a reason.
 */
function gonePage(
  res: Response,
  words: 'moderation.gone' | 'reports.gone' | 'reports.erased',
  at: Date,
  language: Language,
) {
  res.set('X-Robots-Tag', 'noindex');
  // When it happened, said after its verb ("tika dzēsti 2026. gada 5. decembrī"): the Latvian locative.
  res.status(410).render('reports/hidden', { words, date: dateFormats(language).dateOn(at) });
}

/** A report's history with the matching steps of a request for help among its entries, oldest first. */
function withAskerSteps(
  timeline: ReportPageView['timeline'],
  steps: readonly AskerHistoryStep[],
  t: Translate,
  language: Language,
): ReportPageView['timeline'] {
  if (steps.length === 0) return timeline;
  const formats = dateFormats(language);
  const who = t('helpMatch.asker.who');
  const entries = steps.map(({ step, at }, index) => ({
    id: -1 - index,
    iso: at.toISOString(),
    when: formats.dateTime(at),
    who,
    name: null,
    office: false,
    change: t(`helpMatch.asker.steps.${step}`),
    text: null,
    language: null,
    photos: [],
    hidden: null,
    abuseUrl: null,
  }));
  // Both are oldest first; an entry and a step of the same moment keep that order (the entry first).
  return [...timeline, ...entries].sort((a, b) => (a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : 0));
}

export const withdrawUrl = (ref: string, token: string) =>
  `/reports/${ref}/withdraw?token=${encodeURIComponent(token)}`;

/**
 * A page answering a POST is switched to another language by a GET of the page it came from:
 * `/reports/…/actions` itself has nothing to GET, and the token must come along.
 */
export function pointLanguagesAt(res: Response, url: string, current: Language) {
  res.locals.languages = languageLinks(url, current);
}
