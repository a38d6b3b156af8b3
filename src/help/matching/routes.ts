import { Router, type Request, type Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import type { Services } from '../../services.js';
import { cleanText } from '../../web/clean-text.js';
import { originCheck } from '../../web/origin-check.js';
import { parseForm } from '../../web/uploads.js';
import { FOLLOWUP_ANSWERS, MAX_CONCERN, type FollowupAnswer, type LinkCheck } from './answers.js';
import { SIDE_OF, type Side } from './links.js';
import { limitClient } from '../../ratelimit/client.js';

type Deps = Pick<Services, 'helpMatchAnswers' | 'limiter' | 'clock'>;
type Answer = keyof typeof SIDE_OF;

const ANSWERS = Object.keys(SIDE_OF) as Answer[];
const CONCERNS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;

const idOf = (req: Request) => (/^[1-9]\d{0,8}$/.test(String(req.params.id)) ? Number(req.params.id) : 0);
const tokenOf = (req: Request) => {
  const from =
    req.method === 'POST' ? (req.body as Record<string, unknown> | undefined)?.token : req.query.token;
  return typeof from === 'string' ? from : undefined;
};

/** Pages behind matching emails are for one reader: no cache keeps them, no search engine lists them. */
function privatePage(res: Response) {
  res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' });
}

/**
 * The links in matching emails. A GET only shows what the button will do (mail scanners open
 * links); the answer is a POST of the page's own form, carrying the link's token.
 */
class MatchLinkPages {
  constructor(private readonly deps: Deps) {}

  /** A link that answers nothing: forged, for another match or side, or too old. */
  private refused(res: Response, check: Extract<LinkCheck, { ok: false }>) {
    res.status(check.reason === 'expired' ? 410 : 404).render('help/matching/link-invalid', {
      expired: check.reason === 'expired',
    });
  }

  /** Which side a concern or follow-up link is for: its token says, by which side it verifies. */
  private async sideOf(req: Request): Promise<{ side: Side; check: LinkCheck }> {
    const volunteer = await this.deps.helpMatchAnswers.check(idOf(req), 'volunteer', tokenOf(req));
    if (volunteer.ok) return { side: 'volunteer', check: volunteer };
    return {
      side: 'person',
      check: await this.deps.helpMatchAnswers.check(idOf(req), 'person', tokenOf(req)),
    };
  }

  show = async (req: Request, res: Response, action: Answer) => {
    privatePage(res);
    const check = await this.deps.helpMatchAnswers.page(idOf(req), SIDE_OF[action], tokenOf(req));
    if (!check.ok) return this.refused(res, check);
    // A link opened again once answered (or stopped) has no button: its reader is shown their own
    // page, where what happened since is, as the page after pressing it shows.
    const side = SIDE_OF[action];
    const open = check.view.state === (side === 'volunteer' ? 'proposed' : 'accepted');
    const ownPath = open ? null : await this.deps.helpMatchAnswers.ownPath(idOf(req), side);
    res.render('help/matching/answer', { action, view: check.view, token: tokenOf(req), ownPath });
  };

  answer = async (req: Request, res: Response, action: Answer) => {
    privatePage(res);
    const done = await this.deps.helpMatchAnswers.answer(idOf(req), action, tokenOf(req));
    if (!done.ok) return this.refused(res, done);
    const t = res.locals.t as Translate;
    const result = 'result' in done ? done.result : 'gone';
    const ownPath = 'ownPath' in done ? done.ownPath : null;
    res.render('help/matching/answered', {
      title: t(`helpMatch.results.${result}.title`),
      result,
      ownPath,
      side: SIDE_OF[action],
    });
  };

  /** Where a page with nothing left to press leads: the reader's own page, and back to help. */
  private async wayOn(req: Request, side: Side) {
    return { side, ownPath: await this.deps.helpMatchAnswers.ownPath(idOf(req), side) };
  }

  /** A follow-up link's side, if it may answer (contacts shared), and the answer that side gave. */
  private async followupOf(req: Request) {
    const { side, check } = await this.sideOf(req);
    if (!check.ok) return { side, followup: check };
    return { side, followup: await this.deps.helpMatchAnswers.followupOf(idOf(req), side, tokenOf(req)) };
  }

  followupPage = async (req: Request, res: Response, answer: FollowupAnswer) => {
    privatePage(res);
    const { side, followup } = await this.followupOf(req);
    if (!followup.ok) return this.refused(res, followup);
    res.render('help/matching/followup', {
      answer,
      token: tokenOf(req),
      done: false,
      answered: followup.answered,
      ...(followup.answered ? await this.wayOn(req, side) : {}),
    });
  };

  followup = async (req: Request, res: Response, answer: FollowupAnswer) => {
    privatePage(res);
    const { side, followup } = await this.followupOf(req);
    if (!followup.ok) return this.refused(res, followup);
    const done = await this.deps.helpMatchAnswers.followup(idOf(req), side, answer, tokenOf(req));
    if (!done.ok) return this.refused(res, done);
    res.render('help/matching/followup', {
      answer,
      token: undefined,
      done: true,
      answered: done.answered,
      ...(await this.wayOn(req, side)),
    });
  };

  concernPage = async (req: Request, res: Response) => {
    privatePage(res);
    const { check } = await this.sideOf(req);
    if (!check.ok) return this.refused(res, check);
    res.render('help/matching/concern', {
      token: tokenOf(req),
      text: '',
      error: null,
      done: false,
      max: MAX_CONCERN,
    });
  };

  concern = async (req: Request, res: Response) => {
    privatePage(res);
    const { side, check } = await this.sideOf(req);
    if (!check.ok) return this.refused(res, check);
    const typed = (req.body as Record<string, unknown> | undefined)?.text;
    const text = typeof typed === 'string' ? cleanText(typed).trim() : '';
    const again = (error: string) =>
      res
        .status(422)
        .render('help/matching/concern', { token: tokenOf(req), text, error, done: false, max: MAX_CONCERN });
    if (!text) return again('helpMatch.concern.errors.empty');
    if (text.length > MAX_CONCERN) return again('helpMatch.concern.errors.tooLong');
    // The same words sent again (Back, then send): the first send's answer, nothing counted or
    // sent; `concern` knows it again too, should both sends race.
    if (!(await this.deps.helpMatchAnswers.concernResent(idOf(req), side, text))) {
      const limited = await this.deps.limiter.hit(
        `help-concern:${limitClient(req)}`,
        CONCERNS_PER_HOUR,
        HOUR_MS,
        this.deps.clock(),
      );
      if (!limited.allowed) return again('helpMatch.concern.errors.limited');
      await this.deps.helpMatchAnswers.concern(idOf(req), side, text, tokenOf(req));
    }
    res.render('help/matching/concern', {
      token: undefined,
      text: '',
      error: null,
      done: true,
      max: MAX_CONCERN,
      ...(await this.wayOn(req, side)),
    });
  };
}

export function helpMatchRoutes(services: Services): Router {
  const pages = new MatchLinkPages(services);
  const router = Router();
  const post = [originCheck({ publicUrl: services.config.publicUrl }), parseForm];
  router.get('/help/matches/:id/concern', pages.concernPage);
  router.post('/help/matches/:id/concern', ...post, pages.concern);
  for (const answer of FOLLOWUP_ANSWERS) {
    router.get(`/help/matches/:id/followup/${answer}`, (req, res) => pages.followupPage(req, res, answer));
    router.post(`/help/matches/:id/followup/${answer}`, ...post, (req, res) =>
      pages.followup(req, res, answer),
    );
  }
  for (const action of ANSWERS) {
    router.get(`/help/matches/:id/${action}`, (req, res) => pages.show(req, res, action));
    router.post(`/help/matches/:id/${action}`, ...post, (req, res) => pages.answer(req, res, action));
  }
  return router;
}
