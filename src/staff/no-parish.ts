import type { Request, RequestHandler, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import type { StaffRepository } from './repository.js';
import type { StaffUser } from './types.js';

/**
 * A member whose scope holds no parish: a clerk (or social worker) an administrator has not yet
 * linked to a parish's contact. Their queue would be empty and the intake form would have no
 * parish to choose, with no word of why.
 */
export function hasNoParish(user: Pick<StaffUser, 'parishes'>): boolean {
  return user.parishes !== 'all' && user.parishes.length === 0;
}

/**
 * What such a member reads instead of a page they cannot use: that no parish is theirs yet, and the
 * active administrators to ask (who link them under Settings → Staff members).
 */
export async function renderNoParish(
  res: Response,
  staff: Pick<StaffRepository, 'list'>,
  page: { titleKey: string; staffCurrent: string },
  status = 200,
): Promise<void> {
  const t = res.locals.t as Translate;
  const admins = (await staff.list()).filter((member) => member.active && member.role === 'admin');
  res.status(status).render('staff/no-parish', {
    title: t(page.titleKey),
    staffCurrent: page.staffCurrent,
    admins: admins.map((admin) => ({ name: admin.name, email: admin.email })),
  });
}

/**
 * A route's guard for a page or form of parish-scoped work (the inbound mail, help requests,
 * offers): a member of no parish reads the notice instead of an empty list (`status` 200), and a
 * form sent anyway from an old page does nothing and answers the same notice with 403, as taking a
 * report does. Everyone else goes on to the route.
 */
export function noParishGuard(
  staff: Pick<StaffRepository, 'list'>,
  page: { titleKey: string; staffCurrent: string },
  status = 200,
): RequestHandler {
  return async (req: Request, res: Response, next) => {
    const member = req.staff as StaffUser | undefined;
    if (member && hasNoParish(member)) return renderNoParish(res, staff, page, status);
    next();
  };
}
