import type { Request, Response } from 'express';
import { dateFormats } from '../report-pages/dates.js';
import { normaliseRef } from '../reports/refs.js';
import type { StaffUser } from '../staff/types.js';
import { doneNotice } from '../web/done-notice.js';
import { NotFoundError } from '../web/errors.js';
import { parseId, targetOfPath, WHOLE_REPORT, type Target } from './targets.js';

/** The signed-in moderator or admin (`requireStaff` ran before every handler that asks). */
export const moderator = (req: Request): StaffUser => req.staff as StaffUser;
export const ip = (req: Request): string => req.ip ?? 'unknown';

/** The report a URL names, in its canonical form; anything else is not found. */
export function refOf(req: Request): string {
  const ref = normaliseRef(req.params.ref);
  if (!ref) throw new NotFoundError();
  return ref;
}

export function idOf(value: unknown): number {
  const id = parseId(value);
  if (id === undefined) throw new NotFoundError();
  return id;
}

/** `/reports/:ref/hide` is the report; `/reports/:ref/updates/12/hide` one of its updates. */
export function targetOf(req: Request): Target {
  const { part, id } = req.params as { part?: string; id?: string };
  if (part === undefined && id === undefined) return WHOLE_REPORT;
  const target = targetOfPath(part, id);
  if (!target) throw new NotFoundError();
  return target;
}

// What a page says after a redirect: `?done=hidden`, each a catalog key under `moderation.done`.
const DONE = ['hidden', 'shown', 'notHidden', 'keptSigned', 'kept', 'handled', 'banned', 'lifted'] as const;

/** Renders a moderation page: the staff menu marks "Moderation", the tabs mark `section`. */
export function renderPage(
  req: Request,
  res: Response,
  view: string,
  locals: { title: string; section?: string; status?: number; [name: string]: unknown },
): void {
  const done = doneNotice(req.query.done, DONE);
  res.status(locals.status ?? 200).render(`moderation/${view}`, {
    staffCurrent: 'moderation',
    section: null,
    done,
    formats: dateFormats(req.language),
    ...locals,
  });
}

/**
 * One line of someone's text for a table cell; the whole text is on the item's own page. A mask
 * (`[…]`) is never cut in half: the line ends before it.
 */
export function excerpt(text: string | null, length = 200): string | null {
  if (text === null || text.length <= length) return text;
  let cut = text.slice(0, length - 1);
  const open = cut.lastIndexOf('[');
  if (open >= 0 && !cut.includes(']', open)) cut = cut.slice(0, open);
  return `${cut.trimEnd()}…`;
}

/** Links to a report from the workspace: its public page (if it has one), the staff view, moderation. */
export function reportLinks(ref: string, isPublic: boolean) {
  return {
    publicUrl: isPublic ? `/reports/${ref}` : null,
    staffUrl: `/staff/reports/${ref}`,
    moderationUrl: `/staff/moderation/reports/${ref}`,
  };
}

/** A photo as moderators see it, hidden or not: through their own address, never cached. */
export const staffThumb = (ref: string, photoId: number) =>
  `/staff/moderation/reports/${ref}/photos/${photoId}/thumb`;
