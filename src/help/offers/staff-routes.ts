import { Router, type Request, type Response } from 'express';
import { formatWhen, formatWhenAt } from '../../admin/dates.js';
import type { Services } from '../../services.js';
import { noParishGuard } from '../../staff/no-parish.js';
import { checkCsrf, requireStaff } from '../../staff/session.js';
import type { StaffUser } from '../../staff/types.js';
import { NotFoundError } from '../../web/errors.js';
import { parseForm } from '../../web/uploads.js';
import { offerId } from './manage-routes.js';
import { STAFF_FILTERS, type ExportFormat, type StaffFilter } from './staff-service.js';
import { ownPageOnly } from '../../web/own-page-only.js';

type Deps = Pick<Services, 'staffHelpOffers' | 'reference' | 'staff' | 'helpStaffOfferMatches'>;
type OfferRequest = Request<{ id: string }>;

const user = (req: Request) => req.staff as StaffUser;
const ip = (req: Request) => req.ip ?? 'unknown';

/**
 * Offers in the staff workspace, for admins and social workers (the bridge to the volunteers):
 * the offers of one's parishes, an offer with its contacts, the volunteer's data as a download,
 * and erasing the volunteer on their request.
 */
export function staffHelpOfferRoutes(deps: Deps): Router {
  const pages = new StaffOfferPages(deps);
  const router = Router();
  const allowed = requireStaff('admin', 'social_worker');
  // A social worker of no parish yet has no offers to see: the list says why, and a form does nothing.
  const page = { titleKey: 'helpOffer.staff.title', staffCurrent: 'help' };
  router.get('/staff/help/offers', allowed, noParishGuard(deps.staff, page), pages.list);
  router.get('/staff/help/offers/:id', allowed, pages.show);
  router.get('/staff/help/offers/:id/export.json', allowed, ownPageOnly, pages.export('json'));
  router.get('/staff/help/offers/:id/export.csv', allowed, ownPageOnly, pages.export('csv'));
  router.get('/staff/help/offers/:id/erase', allowed, pages.confirmErase);
  router.post(
    '/staff/help/offers/:id/erase',
    allowed,
    parseForm,
    checkCsrf,
    noParishGuard(deps.staff, page, 403),
    pages.erase,
  );
  return router;
}

class StaffOfferPages {
  constructor(private readonly deps: Deps) {}

  readonly list = async (req: Request, res: Response) => {
    const asked = req.query.status;
    const status: StaffFilter = STAFF_FILTERS.find((filter) => filter === asked) ?? 'active';
    const offers = await this.deps.staffHelpOffers.list(user(req), status);
    res.render('help/staff/list', { ...(await this.names(req)), status, filters: STAFF_FILTERS, offers });
  };

  readonly show = async (req: OfferRequest, res: Response) => {
    const offer = await this.offer(req);
    const done = req.query.done === 'erased' || req.query.done === 'already' ? req.query.done : null;
    // Whom they help or were asked to help: only requests this person may open.
    const matches = await this.deps.helpStaffOfferMatches.list(user(req), offer.id);
    res.render('help/staff/show', { ...(await this.names(req)), offer, done, matches });
  };

  export(format: ExportFormat) {
    return async (req: OfferRequest, res: Response) => {
      const id = offerId(req.params.id);
      const file =
        id === undefined ? undefined : await this.deps.staffHelpOffers.export(user(req), id, format, ip(req));
      if (!file) throw new NotFoundError();
      res
        .status(200)
        .type(file.contentType)
        .set('Content-Disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    };
  }

  readonly confirmErase = async (req: OfferRequest, res: Response) => {
    const offer = await this.offer(req);
    res.render('help/staff/erase', { offer });
  };

  readonly erase = async (req: OfferRequest, res: Response) => {
    const id = offerId(req.params.id);
    const result =
      id === undefined ? undefined : await this.deps.staffHelpOffers.erase(user(req), id, ip(req));
    if (!result) throw new NotFoundError();
    res.redirect(303, `/staff/help/offers/${id}?done=${result}`);
  };

  /** The offer the path names, if this person may see it; "not found" otherwise, never "forbidden". */
  private async offer(req: OfferRequest) {
    const id = offerId(req.params.id);
    const offer = id === undefined ? undefined : await this.deps.staffHelpOffers.detail(user(req), id);
    if (!offer) throw new NotFoundError();
    return offer;
  }

  private async names(req: Request) {
    const parishes = await this.deps.reference.parishes();
    const names = new Map(parishes.map((parish) => [parish.code, parish.names[req.language]]));
    return {
      parishName: (code: string) => names.get(code) ?? code,
      when: (date: Date | null) => (date ? formatWhen(date, req.language) : '—'),
      /** After a verb ("dzēsti"): the Latvian locative. */
      whenOn: (date: Date) => formatWhenAt(date, req.language, 'on'),
    };
  }
}
