import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../web/errors.js';
import { sentFromOurSite } from '../web/origin-check.js';
import { parseForm } from '../web/uploads.js';

/** Why a staff form was not taken: signed out meanwhile (30 idle minutes), or an old page's token. */
const LOST = new Set(['signed_out', 'csrf']);

/** The longest a field is shown back: what staff type (an answer, a note) is under 5,000 characters. */
const SHOWN_MAX = 10_000;

/**
 * Fields that are not typed but chosen (selects, radios, buttons), and the form's own token: none
 * is worth showing back, and a code ("in_progress") would only puzzle.
 */
const CHOSEN = new Set([
  '_csrf',
  '_page',
  'status',
  'closeReason',
  'source',
  'category',
  'parish',
  'language',
  'make',
  'staffId',
  'offer',
  'answer',
  'how',
  'useTemplate',
  'role',
  'active',
  'kind',
  'visibility',
]);

/** What was typed into the form, to show back: its text fields. */
function typedFields(body: unknown): { name: string; text: string }[] {
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([name, value]) =>
    !CHOSEN.has(name) && typeof value === 'string' && value.trim() !== ''
      ? [{ name, text: value.slice(0, SHOWN_MAX) }]
      : [],
  );
}

/** The page the form was on: as the form says (`_page`), or by the Referer, when one of ours under /staff. */
function formPage(req: Request, publicHost: string): string {
  const given = (req.body as Record<string, unknown> | undefined)?._page;
  if (typeof given === 'string' && /^\/staff(?:[/?]|$)/.test(given)) return given;
  const referer = req.get('referer');
  if (!referer) return '/staff';
  try {
    const url = new URL(referer);
    const ours = url.host === publicHost || url.host === req.get('host');
    const own = ours && url.pathname.startsWith('/staff');
    return own ? `${url.pathname}${url.search}` : '/staff';
  } catch {
    return '/staff';
  }
}

/**
 * A staff form sent after its session ended, or from a page whose token is old: instead of a bare
 * "something is wrong", the page says which, shows back every text that was typed (so a long
 * answer can be copied, not typed again) and leads to signing in, then back to the form's page.
 * A form that sent files (multipart) is shown without its fields: they were never read; one
 * another site sent, without them and with no way back but the workspace.
 */
export function lostFormPage(publicUrl: string) {
  const { host: publicHost, origin: publicOrigin } = new URL(publicUrl);
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!(error instanceof AppError) || !LOST.has(error.code) || res.headersSent) {
      next(error);
      return;
    }
    // A form another site sent (its page cannot know the token) is no member's lost work: its
    // words and its page would be that site's on ours ("call this number"), so neither is shown.
    // A browser too old for Sec-Fetch-Site sends `Origin: null` for our own forms (no-referrer):
    // that one says nothing either way, and the member's words are shown back.
    const unsaid = req.get('sec-fetch-site') === undefined && req.get('origin') === 'null';
    const ours = unsaid || sentFromOurSite(req, publicOrigin);
    // Signed out, the form was refused before its body was read.
    parseForm(req, res, () => {
      const back = ours ? formPage(req, publicHost) : '/staff';
      res.status(403).render('staff/lost-form', {
        signedOut: error.code === 'signed_out',
        typed: ours ? typedFields(req.body) : [],
        back,
        signIn: `/staff/sign-in?next=${encodeURIComponent(back)}`,
      });
    });
  };
}
