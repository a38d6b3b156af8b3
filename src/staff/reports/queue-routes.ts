import type { Request, Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import type { Services } from '../../services.js';
import { hasNoParish, renderNoParish } from '../no-parish.js';
import { staffUser as user } from '../session.js';
import { movedAwayNotice, queueFilters } from './queue-query.js';
import { QUEUE_PAGE } from './service.js';
import { STAFF_STATUSES, queueView, referenceNames } from './view.js';

/**
 * The workspace's first page (`/staff`): the reports a member may handle, filtered; a moderator
 * goes to moderation, and a member of no parish yet reads why the queue is empty.
 */
export function queuePage(
  deps: Pick<Services, 'helpTitles' | 'staffReports' | 'staffInbound' | 'reference' | 'staff'>,
) {
  return async (req: Request, res: Response) => {
    if (user(req).role === 'moderator') return res.redirect(303, '/staff/moderation');
    if (hasNoParish(user(req)))
      return renderNoParish(res, deps.staff, { titleKey: 'staff.queue.title', staffCurrent: 'queue' });
    const t = res.locals.t as Translate;
    const filters = queueFilters(req.query);
    const [result, names, mailWaiting] = await Promise.all([
      deps.staffReports.queue(user(req), filters),
      referenceNames(deps.reference, req.language),
      deps.staffInbound.waitingCount(user(req)),
    ]);
    const pages = Math.max(1, Math.ceil(result.total / QUEUE_PAGE));
    // A page past the end (reports handled since the link was made): its last page, not an empty one.
    if (filters.page > pages) return res.redirect(303, lastPageUrl(req.originalUrl, pages));
    res.render('staff/queue', {
      title: t('staff.queue.title'),
      staffCurrent: 'queue',
      filters,
      items: queueView(result.items, names, t, req.language, deps.helpTitles),
      total: result.total,
      counts: result.counts,
      waiting: result.waiting,
      pages,
      names,
      statuses: STAFF_STATUSES,
      mailWaiting,
      movedAway: movedAwayNotice(req.query, names),
    });
  };
}

/** The same queue address on its last page (the first page goes without a number). */
function lastPageUrl(originalUrl: string, pages: number): string {
  const url = new URL(originalUrl, 'http://queue.invalid');
  if (pages > 1) url.searchParams.set('page', String(pages));
  else url.searchParams.delete('page');
  return url.pathname + url.search;
}
