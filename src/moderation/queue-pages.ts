import type { Request, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { dateFormats } from '../report-pages/dates.js';
import { normaliseRef } from '../reports/refs.js';
import type { Services } from '../services.js';
import type { QueuedAbuse } from './abuse-repository.js';
import { isModerationError } from './errors.js';
import type { HiddenItem } from './hidden-repository.js';
import { excerpt, idOf, ip, moderator, renderPage, reportLinks, staffThumb } from './staff-page.js';
import { targetPath, type Target } from './targets.js';

type Deps = Pick<Services, 'moderation'>;
type Formats = ReturnType<typeof dateFormats>;

/** What an abuse report is about, in words (and a thumbnail for a photo). */
function whatView(item: QueuedAbuse, t: Translate, formats: Formats) {
  const { target } = item;
  if (target.kind === 'report')
    return { label: t('moderation.queue.what.report'), text: null, thumbUrl: null };
  if (target.kind === 'update') {
    const when = item.update ? formats.dateTime(item.update.createdAt) : '';
    return {
      label: t('moderation.queue.what.update', { when }),
      text: excerpt(item.update?.text ?? null),
      thumbUrl: null,
    };
  }
  return {
    label: t('moderation.queue.what.photo'),
    text: null,
    thumbUrl: staffThumb(item.report.ref, target.id),
  };
}

/** When what was reported is hidden already (the report as a whole, or the item itself). */
function hiddenSince(item: QueuedAbuse): Date | null {
  return item.report.hiddenAt ?? item.update?.hiddenAt ?? item.photo?.hiddenAt ?? null;
}

function queueItemView(item: QueuedAbuse, t: Translate, formats: Formats) {
  const hidden = hiddenSince(item);
  return {
    id: item.id,
    receivedIso: item.createdAt.toISOString(),
    received: formats.dateTime(item.createdAt),
    ref: item.report.ref,
    title: item.report.title,
    isPrivate: item.report.isPrivate,
    ...reportLinks(item.report.ref, !item.report.isPrivate && !item.report.hiddenAt),
    what: whatView(item, t, formats),
    hidden: hidden ? formats.date(hidden) : null,
    reason: item.reason,
    hideUrl: `/staff/moderation/abuse/${item.id}/hide`,
    keepAction: `/staff/moderation/abuse/${item.id}/keep`,
  };
}

function hiddenItemView(item: HiddenItem, target: Target, formats: Formats) {
  return {
    ...item,
    hiddenIso: item.hiddenAt.toISOString(),
    hiddenText: formats.dateTime(item.hiddenAt),
    text: excerpt(item.text),
    thumbUrl: target.kind === 'photo' ? staffThumb(item.ref, item.id) : null,
    unhideAction: `${targetPath(item.ref, target)}/unhide`,
    moderationUrl: `/staff/moderation/reports/${item.ref}`,
  };
}

/** The abuse queue (hide it, or keep it) and the list of what is hidden. */
export class QueuePages {
  constructor(private readonly deps: Deps) {}

  readonly show = (req: Request, res: Response) => this.render(req, res);

  /** "Open a report by its reference": its moderation page, or the queue again saying what was wrong. */
  readonly find = async (req: Request, res: Response) => {
    const typed = typeof req.query.ref === 'string' ? req.query.ref.slice(0, 40) : '';
    const ref = normaliseRef(typed.trim());
    if (!ref) return this.render(req, res, { value: typed, error: 'moderation.tabs.findInvalid' });
    try {
      await this.deps.moderation.hiding.overview(moderator(req), ref);
    } catch (error) {
      if (!isModerationError(error, 'not_found')) throw error;
      return this.render(req, res, { value: typed, error: 'moderation.tabs.findUnknown' });
    }
    res.redirect(303, `/staff/moderation/reports/${ref}`);
  };

  /** The queue; with `find`, again after a reference that opens nothing, with the reference kept. */
  async render(req: Request, res: Response, find?: { value: string; error: string }) {
    const t = res.locals.t as Translate;
    const formats = dateFormats(req.language);
    const { items, total } = await this.deps.moderation.abuse.queue(moderator(req));
    renderPage(req, res, 'queue', {
      title: `${find ? `${t('moderation.errorPrefix')} ` : ''}${t('moderation.queue.title')}`,
      section: 'queue',
      items: items.map((item) => queueItemView(item, t, formats)),
      total,
      ...(find ? { status: 422, findValue: find.value, findError: find.error } : {}),
    });
  }

  readonly keep = async (req: Request<{ id: string }>, res: Response) => {
    try {
      await this.deps.moderation.abuse.keep(moderator(req), idOf(req.params.id), ip(req));
    } catch (error) {
      // Another moderator was quicker: the queue says so.
      if (isModerationError(error, 'handled')) return res.redirect(303, '/staff/moderation?done=handled');
      throw error;
    }
    res.redirect(303, '/staff/moderation?done=kept');
  };

  readonly hidden = async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const formats = dateFormats(req.language);
    const lists = await this.deps.moderation.hidden.lists(moderator(req));
    renderPage(req, res, 'hidden', {
      title: t('moderation.hidden.title'),
      section: 'hidden',
      reports: lists.reports.map((item) => hiddenItemView(item, { kind: 'report' }, formats)),
      updates: lists.updates.map((item) => hiddenItemView(item, { kind: 'update', id: item.id }, formats)),
      photos: lists.photos.map((item) => hiddenItemView(item, { kind: 'photo', id: item.id }, formats)),
    });
  };
}
