import express, { Router } from 'express';
import { z } from 'zod';
import type { ActionLinkService } from './action-links.js';
import type { FixedQuestionService } from './fixed-questions.js';
import type { ReportLinks } from './links.js';
import { normaliseRef } from './refs.js';
import type { ReportRepository } from './repository.js';
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

/**
 * Pages behind the links in emails: a parish's one-click status links, the reporter's "is it
 * fixed?" answers, and one-click unsubscribe. Each GET only shows a page with a button.
 */
export function emailLinkRoutes(deps: {
  actionLinks: ActionLinkService;
  fixedQuestions: FixedQuestionService;
  links: ReportLinks;
  reports: ReportRepository;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  router.use(['/actions', '/unsubscribe', '/reports/:ref/fixed'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/actions/:token', async (req, res) => {
    const found = await deps.actionLinks.lookup(req.params.token);
    if (!found.ok)
      return res
        .status(found.reason === 'expired' ? 410 : 404)
        .render('actions/invalid', { reason: found.reason });
    res.render('actions/confirm', { found, token: req.params.token, comment: '', error: null });
  });

  router.post('/actions/:token', form, async (req, res) => {
    const parsed = comment.safeParse(req.body);
    if (!parsed.success) {
      const found = await deps.actionLinks.lookup(req.params.token);
      if (!found.ok) throw new NotFoundError();
      return res.status(400).render('actions/confirm', {
        found,
        token: req.params.token,
        comment:
          typeof (req.body as Record<string, unknown>).comment === 'string'
            ? (req.body as { comment: string }).comment
            : '',
        error: 'actions.errors.tooLong',
      });
    }
    const result = await deps.actionLinks.apply(req.params.token, parsed.data.comment);
    if (!result.ok)
      return res
        .status(result.reason === 'expired' ? 410 : 404)
        .render('actions/invalid', { reason: result.reason });
    res.render('actions/done', { found: result, applied: result.applied === true });
  });

  router.get('/reports/:ref/fixed/:token', async (req, res) => {
    const ref = normaliseRef(req.params.ref);
    const found = ref ? await deps.fixedQuestions.lookup(ref, req.params.token) : undefined;
    if (!found?.ok) return res.status(404).render('actions/invalid', { reason: found?.reason ?? 'invalid' });
    if (found.report.withdrawnAt) return res.render('fixed/withdrawn', { report: found.report });
    res.render('fixed/confirm', { found, token: req.params.token });
  });

  router.post('/reports/:ref/fixed/:token', async (req, res) => {
    const ref = normaliseRef(req.params.ref);
    const found = ref ? await deps.fixedQuestions.answer(ref, req.params.token) : undefined;
    if (found && !found.ok && found.reason === 'withdrawn')
      return res.status(409).render('fixed/withdrawn', { report: found.report });
    if (!found?.ok) return res.status(404).render('actions/invalid', { reason: found?.reason ?? 'invalid' });
    res.render('fixed/done', { found, reporterUrl: deps.links.reporterPage(found.report.ref) });
  });

  router.get('/unsubscribe/:subject/:signature', (req, res) => {
    if (!deps.links.isUnsubscribe(req.params.subject, req.params.signature)) throw new NotFoundError();
    res.render('unsubscribe/confirm', { done: false });
  });

  // RFC 8058: mail providers POST here with `List-Unsubscribe=One-Click`; a person presses the button.
  router.post('/unsubscribe/:subject/:signature', async (req, res) => {
    const { subject, signature } = req.params;
    if (!deps.links.isUnsubscribe(subject, signature)) throw new NotFoundError();
    const id = Number(subject.slice(1));
    const now = new Date();
    if (subject.startsWith('r')) {
      await deps.reports.muteReporter(id, now);
    } else {
      await deps.reports.unsubscribe(id, now);
    }
    res.render('unsubscribe/confirm', { done: true });
  });
  return router;
}
