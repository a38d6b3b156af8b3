import { Router, type Request, type Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import { shownTitle } from '../../mail/erasure.js';
import { proofWords } from '../../mail/inbound/held-words.js';
import type { Services } from '../../services.js';
import { dateFormats } from '../../report-pages/dates.js';
import { canStaffMove } from '../../reports/states.js';
import { doneNotice } from '../../web/done-notice.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { FormProblem, parse, typed } from '../reports/forms.js';
import { PublicAnswerProblem } from '../../reports/public-answer.js';
import { STAFF_STATUSES } from '../reports/view.js';
import { noParishGuard } from '../no-parish.js';
import { checkCsrf, clientIp as ip, requireStaff, staffUser as user } from '../session.js';
import { InboundActionError } from './actions.js';
import { leftOutQuery, leftOutShown } from './left-out.js';
import { dropForm, messageId, placeForm, publishForm } from './forms.js';
import { heldReasonOf, INBOUND_PAGE, type InboundDetail } from './service.js';

type Deps = Pick<Services, 'staffInbound' | 'staffInboundActions' | 'staff'>;
/** A form sent back: what was typed, its error (and what the message names), and where the error points. */
type FormState = {
  form: string;
  values: Record<string, string>;
  error: string;
  vars?: Record<string, string> | undefined;
  anchor?: string;
};

const HANDLERS = ['admin', 'social_worker', 'parish_clerk'] as const;
const PREFIX = 'staff.inbound.errors';
/** What a held message's page says was done: its forms. */
const DONE = ['publish', 'drop', 'place', 'retry'] as const;
const idOf = (req: Request) => {
  const id = messageId(req.params.id);
  if (id === undefined) throw new NotFoundError();
  return id;
};

/** What the publish form starts with: the status the reply asked for and its text, masked. */
function proposal(detail: InboundDetail): Record<string, string> {
  const suggestion = detail.preview?.suggestion;
  return {
    status: suggestion?.status ?? '',
    closeReason: suggestion?.closeReason ?? '',
    publicText: suggestion?.text ?? '',
    internalNote: '',
    photos: detail.preview && detail.preview.images.length > 0 ? 'on' : '',
  };
}

/** Mail that was not applied by itself, for those who handle its reports; and their decisions. */
class InboundPages {
  constructor(private readonly deps: Deps) {}

  list = async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const show = req.query.show === 'all' ? 'all' : 'waiting';
    const page = Number(req.query.page ?? 1);
    const current = Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1;
    const { rows, total } = await this.deps.staffInbound.list(user(req), show, current);
    const { dateTime } = dateFormats(req.language);
    res.render('staff/inbound/index', {
      title: t('staff.inbound.title'),
      staffCurrent: 'inbound',
      show,
      page: current,
      pages: Math.max(1, Math.ceil(total / INBOUND_PAGE)),
      total,
      rows: rows.map((row) => ({
        ...row,
        subject: row.subject && shownTitle(row.subject, t),
        when: dateTime(row.receivedAt),
        decided: row.decidedAt ? dateTime(row.decidedAt) : null,
      })),
    });
  };

  show = async (req: Request, res: Response) => {
    await this.render(req, res, 200);
  };

  raw = async (req: Request, res: Response) => {
    const id = idOf(req);
    const raw = await this.deps.staffInbound.raw(user(req), id);
    res
      .type('text/plain; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="tilts-inbound-${id}.eml"`)
      .set('Cache-Control', 'no-store')
      .send(raw);
  };

  private async render(req: Request, res: Response, status: number, form?: FormState) {
    const t = res.locals.t as Translate;
    const found = await this.deps.staffInbound.detail(user(req), idOf(req));
    // Mail about an erased request keeps the marker for its subject and its report's title.
    const detail: InboundDetail = {
      ...found,
      record: { ...found.record, subject: found.record.subject && shownTitle(found.record.subject, t) },
      report: found.report && { ...found.report, title: shownTitle(found.report.title, t) },
    };
    const { dateTime } = dateFormats(req.language);
    res.status(status).render('staff/inbound/show', {
      title: `${form ? `${t('staff.errorPrefix')} ` : ''}${t('staff.inbound.messageTitle', { id: detail.record.id })}`,
      staffCurrent: 'inbound',
      detail,
      // Why it was held, in words, also once staff have published or dropped it.
      why: heldReasonOf(detail.record.detail),
      proof: detail.record.senderProof ? proofWords(detail.record.senderProof) : undefined,
      when: dateTime(detail.record.receivedAt),
      decided: detail.decision ? dateTime(detail.decision.decidedAt) : null,
      // Only where the report can go from its status now (a resolved one only to closed: reopening is
      // the report's own page's).
      statuses: STAFF_STATUSES.filter(
        (one) => one !== 'open' && (!detail.report || canStaffMove(detail.report.status, one)),
      ),
      form: form ?? { form: '', values: proposal(detail), error: '' },
      // The error said at the top and focused, linked to its form (a decided message has its own notice).
      errorSummary:
        form?.error && detail.decidable
          ? [{ key: form.error, vars: form.vars, href: `#${form.anchor}` }]
          : [],
      done: doneNotice(req.query.done, DONE),
      // The attached images a publication left out, named, and why (see left-out.ts).
      leftOut: req.query.done === 'publish' ? leftOutShown(req.query.left, detail.preview?.images ?? []) : [],
    });
  }

  private act(
    form: string,
    fields: readonly string[],
    run: (req: Request, id: number) => Promise<string | void>,
  ) {
    return async (req: Request, res: Response) => {
      const id = idOf(req);
      let more: string | void;
      try {
        more = await run(req, id);
      } catch (error) {
        const key =
          error instanceof InboundActionError
            ? `${PREFIX}.${error.code}`
            : error instanceof FormProblem || error instanceof PublicAnswerProblem
              ? error.key
              : undefined;
        if (!key) throw error;
        const values = typed((req.body ?? {}) as Record<string, unknown>, fields);
        // A public answer's problem is in its text: the summary leads there.
        const answer = error instanceof PublicAnswerProblem ? error : undefined;
        const anchor = answer ? 'publish-text' : `${form}-error`;
        return this.render(req, res, 422, { form, values, error: key, vars: answer?.vars, anchor });
      }
      res.redirect(303, `/staff/inbound/${id}?done=${form}${more ?? ''}`);
    };
  }

  publish = this.act(
    'publish',
    ['status', 'closeReason', 'publicText', 'internalNote', 'photos'],
    async (req, id) => {
      const data = parse(publishForm, req.body, PREFIX);
      const { leftOut } = await this.deps.staffInboundActions.publish(
        user(req),
        id,
        {
          status: data.status,
          closeReason: data.closeReason,
          publicText: data.publicText || undefined,
          internalNote: data.internalNote || undefined,
          photos: data.photos,
        },
        ip(req),
      );
      return leftOutQuery(leftOut);
    },
  );

  drop = this.act('drop', ['reason'], async (req, id) => {
    const data = parse(dropForm, req.body, PREFIX);
    await this.deps.staffInboundActions.drop(user(req), id, data.reason || undefined, ip(req));
  });

  place = this.act('place', ['ref'], async (req, id) => {
    const data = parse(placeForm, req.body, PREFIX);
    await this.deps.staffInboundActions.place(user(req), id, data.ref, ip(req));
  });

  retry = this.act('retry', [], async (req, id) => {
    await this.deps.staffInboundActions.retry(user(req), id, ip(req));
  });
}

export function staffInboundRoutes(deps: Deps): Router {
  const pages = new InboundPages(deps);
  const router = Router();
  const handler = requireStaff(...HANDLERS);
  // A clerk of no parish yet has no mail to handle: the list says why, and a form sent does nothing.
  const page = { titleKey: 'staff.inbound.title', staffCurrent: 'inbound' };
  const post = [handler, parseForm, checkCsrf, noParishGuard(deps.staff, page, 403)];
  router.get('/staff/inbound', handler, noParishGuard(deps.staff, page), pages.list);
  router.get('/staff/inbound/:id', handler, pages.show);
  router.get('/staff/inbound/:id/raw', handler, pages.raw);
  router.post('/staff/inbound/:id/publish', ...post, pages.publish);
  router.post('/staff/inbound/:id/drop', ...post, pages.drop);
  router.post('/staff/inbound/:id/place', ...post, pages.place);
  router.post('/staff/inbound/:id/retry', ...post, pages.retry);
  return router;
}
