import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { normaliseRef } from '../reports/refs.js';
import { PublicAnswerProblem } from '../reports/public-answer.js';
import type { Report } from '../reports/types.js';
import type { Services } from '../services.js';
import { cleanText } from '../web/clean-text.js';
import { NotFoundError } from '../web/errors.js';

const comment = z.object({
  comment: z
    .string()
    .transform((text) => cleanText(text).trim())
    .pipe(z.string().max(5000))
    .optional()
    .default(''),
});

type Deps = Pick<Services, 'actionLinks' | 'fixedQuestions' | 'links' | 'helpTitles'>;
type ActionRequest = Request<{ token: string }>;
type FixedRequest = Request<{ ref: string; token: string }>;

/**
 * Pages behind the links in emails: a parish's one-click status links and the reporter's "is it
 * fixed?" answers. Each GET only shows a page with a button. (One-click unsubscribe is with the
 * subscriptions.)
 */
export function emailLinkRoutes(deps: Deps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const action = actionHandlers(deps);
  const fixed = fixedHandlers(deps);
  router.use(['/actions', '/reports/:ref/fixed'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/actions/:token', action.show);
  router.post('/actions/:token', form, action.apply);
  router.get('/reports/:ref/fixed/:token', fixed.show);
  router.post('/reports/:ref/fixed/:token', fixed.answer);
  return router;
}

/**
 * Does what the link says; a comment the public-answer rule refuses (where every public answer is
 * written) changes nothing and leaves the link unused, and the page is shown again with why.
 */
async function applied(actionLinks: Deps['actionLinks'], token: string, comment: string) {
  try {
    return { result: await actionLinks.apply(token, comment) };
  } catch (error) {
    if (!(error instanceof PublicAnswerProblem)) throw error;
    const found = await actionLinks.lookup(token);
    if (!found.ok) throw error;
    return { refused: { found, problem: error } };
  }
}

function actionHandlers({ actionLinks }: Deps) {
  async function show(req: ActionRequest, res: Response) {
    const found = await actionLinks.lookup(req.params.token);
    if (!found.ok)
      return res
        .status(found.reason === 'invalid' ? 404 : 410)
        .render('actions/invalid', { reason: found.reason });
    res.render('actions/confirm', { found, token: req.params.token, comment: '', error: null });
  }

  async function apply(req: ActionRequest, res: Response) {
    // A press with no form at all (no body, or one of another type) has no comment.
    const parsed = comment.safeParse(req.body ?? {});
    if (!parsed.success) {
      const found = await actionLinks.lookup(req.params.token);
      if (!found.ok) throw new NotFoundError();
      const typed = ((req.body ?? {}) as Record<string, unknown>).comment;
      return res.status(400).render('actions/confirm', {
        found,
        token: req.params.token,
        comment: typeof typed === 'string' ? typed : '',
        error: 'actions.errors.tooLong',
      });
    }
    // A status's comment is published as typed, as a workspace answer is: the same rule refuses a
    // sign-off or a contact in it (a "not ours" note is internal, and a private report's has one reader).
    const { result, refused } = await applied(actionLinks, req.params.token, parsed.data.comment);
    if (refused)
      return res.status(422).render('actions/confirm', {
        found: refused.found,
        token: req.params.token,
        comment: parsed.data.comment,
        error: refused.problem.key,
        errorVars: refused.problem.vars,
      });
    if (!result.ok)
      return res
        .status(result.reason === 'invalid' ? 404 : 410)
        .render('actions/invalid', { reason: result.reason });
    // The report changed since the email (withdrawn, or moved on): nothing done, the comment shown back.
    if (result.blocked)
      return res.status(409).render('actions/confirm', {
        found: result,
        token: req.params.token,
        comment: parsed.data.comment,
        error: null,
      });
    res.render('actions/done', { found: result, applied: result.applied === true });
  }

  return { show, apply };
}

function fixedHandlers({ fixedQuestions, links, helpTitles }: Deps) {
  /**
   * How the pages speak of the report: of a request (`wordsFor`), whose title is Tilts's words
   * said in the reader's language, or of a report, titled as its reporter typed it.
   */
  async function spoken(req: FixedRequest, report: Report) {
    const wordsFor = await fixedQuestions.wordsFor(report);
    return { wordsFor, reportTitle: wordsFor ? helpTitles.in(report.title, req.language) : report.title };
  }

  async function show(req: FixedRequest, res: Response) {
    const ref = normaliseRef(req.params.ref);
    const found = ref ? await fixedQuestions.lookup(ref, req.params.token) : undefined;
    if (!found?.ok) return res.status(404).render('actions/invalid', { reason: found?.reason ?? 'invalid' });
    const words = await spoken(req, found.report);
    if (found.report.withdrawnAt) return res.render('fixed/withdrawn', { report: found.report, ...words });
    res.render('fixed/confirm', { found, token: req.params.token, ...words });
  }

  async function answer(req: FixedRequest, res: Response) {
    const ref = normaliseRef(req.params.ref);
    const found = ref ? await fixedQuestions.answer(ref, req.params.token) : undefined;
    if (found && !found.ok && found.reason === 'withdrawn')
      return res
        .status(409)
        .render('fixed/withdrawn', { report: found.report, ...(await spoken(req, found.report)) });
    if (!found?.ok) return res.status(404).render('actions/invalid', { reason: found?.reason ?? 'invalid' });
    res.render('fixed/done', {
      found,
      reporterUrl: links.reporterPage(found.report.ref),
      privateContext: await fixedQuestions.privateContext(found.report),
      ...(await spoken(req, found.report)),
    });
  }

  return { show, answer };
}
