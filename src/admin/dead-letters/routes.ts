import type { Translate } from '../../i18n/index.js';
import { shownTitle } from '../../mail/erasure.js';
import { Router, type Request, type Response } from 'express';
import { actorOf, idParam, noticeOf, postForm, render, withNotice } from '../forms.js';
import { DEAD_LETTERS_SHOWN, type DeadLetterAdmin } from './service.js';

const LIST = '/staff/admin/dead-letters';

const PROBLEMS = {
  'not-dead': 'admin.deadLetters.errors.notDead',
  purged: 'admin.deadLetters.errors.purged',
} as const;

/** Dead letters: the emails that could not be delivered, each with a button to try it again. */
export function deadLetterRoutes(deps: { deadLetters: DeadLetterAdmin }) {
  const { deadLetters } = deps;
  const router = Router();

  const show = async (req: Request, res: Response, status = 200, problem: string | null = null) => {
    const [found, total] = await Promise.all([deadLetters.list(), deadLetters.count()]);
    // An erased person's email keeps the marker as its subject: said in the reader's words.
    const t = res.locals.t as Translate;
    const letters = found.map((letter) => ({ ...letter, subject: shownTitle(letter.subject, t) }));
    render(
      res,
      'dead-letters/list',
      { letters, total, shown: DEAD_LETTERS_SHOWN, problem, notice: noticeOf(req) },
      status,
    );
  };

  const list = (req: Request, res: Response) => show(req, res);

  const retry = async (req: Request, res: Response) => {
    const outcome = await deadLetters.retry(idParam(req.params.id), actorOf(req));
    if (outcome === 'retried') return res.redirect(303, withNotice(LIST, 'retried'));
    await show(req, res, 409, PROBLEMS[outcome]);
  };

  router.get(LIST, list);
  router.post(`${LIST}/:id/retry`, postForm, retry);
  return router;
}
