import { Router, type Request, type Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import { dateFormats } from '../../report-pages/dates.js';
import { normaliseRef } from '../../reports/refs.js';
import { isOpen } from '../../reports/states.js';
import type { Services } from '../../services.js';
import { noParishGuard } from '../../staff/no-parish.js';
import { checkCsrf, requireStaff } from '../../staff/session.js';
import type { StaffUser } from '../../staff/types.js';
import { cleanText } from '../../web/clean-text.js';
import { doneNotice } from '../../web/done-notice.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { helpCase, helpCaseCsv } from './case-export.js';
import { MatchDeskError } from './desk.js';
import { deskErrors, fieldOf, type DeskFormState } from './desk-errors.js';
import { deskView } from './view.js';
import { ownPageOnly } from '../../web/own-page-only.js';

type Deps = Pick<Services, 'helpMatchDesk' | 'reference' | 'helpTitles'>;
type FormState = DeskFormState;

const MAX_NEED = 2000;
/** What the desk says was done: its forms. */
const DONE = ['propose', 'cancel', 'phone', 'outcome', 'helped'] as const;
const user = (req: Request) => req.staff as StaffUser;
const ip = (req: Request) => req.ip ?? 'unknown';
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
const field = (req: Request, name: string) =>
  typeof body(req)[name] === 'string' ? (body(req)[name] as string) : '';
const refOf = (req: Request) => {
  const ref = normaliseRef(req.params.ref);
  if (!ref) throw new NotFoundError();
  return ref;
};
const idOf = (req: Request) => {
  if (!/^[1-9]\d{0,8}$/.test(String(req.params.id))) throw new NotFoundError();
  return Number(req.params.id);
};

/** The social worker's matching pages: requests waiting, and one request's offers and matches. */
class MatchDeskPages {
  constructor(private readonly deps: Deps) {}

  hub = async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const [waiting, parishes] = await Promise.all([
      this.deps.helpMatchDesk.waiting(user(req), 200),
      this.deps.reference.parishes(req.language),
    ]);
    const names = new Map(parishes.map((parish) => [parish.code, parish.names[req.language]]));
    const { date } = dateFormats(req.language);
    res.render('help/matching/staff-hub', {
      title: t('helpMatch.hub.title'),
      staffCurrent: 'help',
      waiting: waiting.map((row) => ({
        ...row,
        title: this.deps.helpTitles.in(row.title, req.language),
        parishName: names.get(row.parish_code) ?? row.parish_code,
        when: date(new Date(row.created_at)),
        proposed: Number(row.proposed),
      })),
    });
  };

  desk = async (req: Request, res: Response) => {
    await this.render(req, res, 200, refOf(req));
  };

  /** The request's desk as this member sees it, and its view in the page's language. */
  private async deskOf(req: Request, t: Translate, ref: string) {
    const page = await this.deps.helpMatchDesk.page(user(req), ref);
    const desk = await deskView(page, {
      t,
      language: req.language,
      reference: this.deps.reference,
      titles: this.deps.helpTitles,
    });
    return { page, desk };
  }

  private async render(req: Request, res: Response, status: number, ref: string, form?: FormState) {
    const t = res.locals.t as Translate;
    const { page, desk } = await this.deskOf(req, t, ref);
    res.status(status).render('help/matching/staff-desk', {
      title: `${form ? `${t('staff.errorPrefix')} ` : ''}${t('helpMatch.desk.title', { ref: page.report.ref })}`,
      staffCurrent: 'help',
      desk,
      ...deskErrors(form, desk),
      done: doneNotice(req.query.done, DONE),
      requestOpen: isOpen(page.report.status),
    });
  }

  /**
   * A form of the desk: `target` finds the request it is about (a 404 when the user may not see
   * it), `run` does it; a refusal shows the desk again with what was sent and why.
   */
  private act(
    form: string,
    fields: readonly string[],
    target: (req: Request) => Promise<{ ref: string; id: number }>,
    run: (req: Request, id: number, ref: string) => Promise<(typeof DONE)[number] | undefined | void>,
  ) {
    return async (req: Request, res: Response) => {
      const { ref, id } = await target(req);
      let done: string;
      try {
        // What the page then says: the form's own notice, unless `run` names another.
        done = (await run(req, id, ref)) || form;
      } catch (error) {
        if (!(error instanceof MatchDeskError)) throw error;
        const values = Object.fromEntries(fields.map((name) => [name, field(req, name)]));
        return this.render(req, res, 422, ref, {
          form,
          values,
          error: `helpMatch.errors.${error.code}`,
          field: fieldOf(form, error.code),
          ...(id ? { matchId: id } : {}),
        });
      }
      res.redirect(303, `/staff/help/requests/${ref}?done=${done}`);
    };
  }

  /** The request of the URL: the desk's own forms. */
  private requestRef = (req: Request) => Promise.resolve({ ref: refOf(req), id: 0 });

  /** The match's own request, for the redirect after an action on the match. */
  private matchRef = async (req: Request) => {
    const id = idOf(req);
    const ref = await this.deps.helpMatchDesk.refOfMatch(user(req), id);
    return { id, ref };
  };

  propose = this.act('propose', ['offer', 'need'], this.requestRef, async (req, _id, ref) => {
    const offer = field(req, 'offer');
    const need = cleanText(field(req, 'need')).trim();
    if (!/^[1-9]\d{0,8}$/.test(offer)) throw new MatchDeskError('offer');
    if (need.length > MAX_NEED) throw new MatchDeskError('need');
    await this.deps.helpMatchDesk.propose(user(req), ref, Number(offer), need, ip(req));
  });

  /**
   * Asks before stopping a match, on a page of its own (no script), as erasing a person does: the
   * volunteer is told at once, and it cannot be taken back. One that can no longer be stopped goes
   * back to the request.
   */
  confirmCancel = async (req: Request, res: Response) => {
    const { id, ref } = await this.matchRef(req);
    const t = res.locals.t as Translate;
    const { desk } = await this.deskOf(req, t, ref);
    const match = desk.matches.find((one) => one.id === id);
    if (!match?.can.cancel) return res.redirect(303, `/staff/help/requests/${ref}`);
    res.render('help/matching/cancel-confirm', { title: t('helpMatch.cancelConfirm.title'), ref, match });
  };

  /** Stops a match once confirmed; a post without the confirmation (stray, or repeated) asks first. */
  cancel = async (req: Request, res: Response) => {
    if (field(req, 'confirm') === 'yes') return this.cancelConfirmed(req, res);
    const { id } = await this.matchRef(req);
    res.redirect(303, `/staff/help/matches/${id}/cancel`);
  };

  private cancelConfirmed = this.act('cancel', [], this.matchRef, async (req, id) => {
    await this.deps.helpMatchDesk.cancel(user(req), id, ip(req));
  });

  phone = this.act('phone', ['answer'], this.matchRef, async (req, id) => {
    const answer = field(req, 'answer');
    if (answer !== 'agree' && answer !== 'refuse') throw new MatchDeskError('choose');
    await this.deps.helpMatchDesk.byPhone(user(req), id, answer, ip(req));
  });

  outcome = this.act('outcome', ['how'], this.matchRef, async (req, id) => {
    const how = field(req, 'how');
    if (how !== 'helped' && how !== 'not_happened' && how !== 'need_more') throw new MatchDeskError('how');
    await this.deps.helpMatchDesk.outcome(user(req), id, how, ip(req));
    // "It helped" closes the match, not the request: the page says where the request is closed.
    return how === 'helped' ? 'helped' : undefined;
  });

  caseFile = (format: 'json' | 'csv') => async (req: Request, res: Response) => {
    const page = await this.deps.helpMatchDesk.page(user(req), refOf(req));
    const value = helpCase(page.report, page.details, page.matches);
    res.set({
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${value.ref}.${format}"`,
    });
    if (format === 'json') res.type('application/json').send(`${JSON.stringify(value, null, 2)}\n`);
    else res.type('text/csv; charset=utf-8').send(helpCaseCsv(value));
  };
}

export function staffHelpMatchRoutes(services: Services): Router {
  const pages = new MatchDeskPages(services);
  const router = Router();
  const matchers = requireStaff('admin', 'social_worker');
  // A social worker of no parish yet has no requests waiting: the page says why, and a form does nothing.
  const page = { titleKey: 'helpMatch.hub.title', staffCurrent: 'help' };
  const post = [matchers, parseForm, checkCsrf, noParishGuard(services.staff, page, 403)];
  router.get('/staff/help', matchers, noParishGuard(services.staff, page), pages.hub);
  router.get('/staff/help/requests/:ref', matchers, pages.desk);
  router.get('/staff/help/requests/:ref/case.json', matchers, ownPageOnly, pages.caseFile('json'));
  router.get('/staff/help/requests/:ref/case.csv', matchers, ownPageOnly, pages.caseFile('csv'));
  router.post('/staff/help/requests/:ref/propose', ...post, pages.propose);
  router.get('/staff/help/matches/:id/cancel', matchers, pages.confirmCancel);
  router.post('/staff/help/matches/:id/cancel', ...post, pages.cancel);
  router.post('/staff/help/matches/:id/phone', ...post, pages.phone);
  router.post('/staff/help/matches/:id/outcome', ...post, pages.outcome);
  return router;
}
