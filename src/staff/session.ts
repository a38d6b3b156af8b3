import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError } from '../web/errors.js';
import type { SessionRecord } from './auth/repository.js';
import type { StaffAuthService } from './auth/service.js';
import { ABSOLUTE_MS } from './auth/service.js';
import type { StaffRepository } from './repository.js';
import type { StaffContact, StaffMember, StaffRole, StaffUser } from './types.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** A live staff session, with or without its second factor yet. */
    staffSession?: { session: SessionRecord; member: StaffMember };
    /** The signed-in staff member: both factors given. */
    staff?: StaffUser;
  }
}

/**
 * `__Host-` keeps the cookie to this host and path `/`, sent only over HTTPS; on a developer's
 * http://localhost a browser would drop a Secure cookie, so there it has a plain name.
 */
export function staffCookieName(https: boolean): string {
  return https ? '__Host-tilts-staff' : 'tilts-staff';
}

export function setStaffCookie(res: Response, https: boolean, token: string): void {
  res.cookie(staffCookieName(https), token, {
    httpOnly: true,
    secure: https,
    sameSite: 'lax',
    path: '/',
    maxAge: ABSOLUTE_MS,
  });
}

export function clearStaffCookie(res: Response, https: boolean): void {
  res.clearCookie(staffCookieName(https), { httpOnly: true, secure: https, sameSite: 'lax', path: '/' });
}

/** Social workers and clerks see the parishes of their own contacts; admins and moderators all. */
export function scopeOf(
  role: StaffRole,
  contacts: readonly Pick<StaffContact, 'role' | 'parishCode'>[],
): readonly string[] | 'all' {
  if (role === 'admin' || role === 'moderator') return 'all';
  const wanted = role === 'social_worker' ? 'social_worker' : 'parish_admin';
  return [
    ...new Set(
      contacts.filter((contact) => contact.role === wanted && contact.parishCode).map((c) => c.parishCode!),
    ),
  ];
}

/** Reads the staff cookie on every /staff request; pages decide what they need of it. */
export function loadStaffSession(deps: {
  auth: Pick<StaffAuthService, 'session'>;
  staff: Pick<StaffRepository, 'contactsOf'>;
  https: boolean;
}): RequestHandler {
  const name = staffCookieName(deps.https);
  return async (req: Request, res: Response, next: NextFunction) => {
    // A signed-in page is for one person: no cache may keep it, no search engine list it.
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    const found = await deps.auth.session((req.cookies as Record<string, unknown> | undefined)?.[name]);
    if (found) {
      req.staffSession = found;
      if (found.session.secondFactorAt) {
        const contacts = await deps.staff.contactsOf(found.member.id);
        req.staff = {
          ...found.member,
          contacts,
          parishes: scopeOf(found.member.role, contacts),
          sessionId: found.session.id,
          csrfToken: found.session.csrfToken,
        };
        res.locals.staffUser = req.staff;
      }
      res.locals.csrfToken = found.session.csrfToken;
    }
    // The page a form is on, sent with it (views/partials/csrf.ejs): a form refused because the
    // session ended can lead back to it (lost-form.ts). Browsers send no Referer under our policy.
    Object.defineProperty(res.locals, 'formPage', {
      enumerable: true,
      get: () =>
        req.method === 'GET' ? req.originalUrl : (req.body as Record<string, unknown> | undefined)?._page,
    });
    next();
  };
}

/** The signed-in staff member of a request that passed requireStaff. */
export const staffUser = (req: Request): StaffUser => req.staff as StaffUser;

/** The client's address as the audit log records it. */
export const clientIp = (req: Request): string => req.ip ?? 'unknown';

/** Pages for signed-in staff of these roles; anyone else is sent to sign in, or refused. */
export function requireStaff(...roles: StaffRole[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.staff) {
      if (req.method === 'GET') {
        // Half signed in (link used, code not yet given): the code page; else the sign-in page.
        const to = req.staffSession
          ? '/staff/two-factor'
          : `/staff/sign-in?next=${encodeURIComponent(req.originalUrl)}`;
        res.redirect(303, to);
        return;
      }
      next(new ForbiddenError('signed_out', 'staff.errors.signedOut'));
      return;
    }
    if (roles.length > 0 && !roles.includes(req.staff.role)) {
      next(new ForbiddenError('role', 'staff.errors.role'));
      return;
    }
    next();
  };
}

/**
 * Every state-changing staff request carries the session's token in `_csrf`: a page on another
 * site cannot read it, so it cannot make a signed-in browser act. Runs after the body is parsed.
 */
export const checkCsrf: RequestHandler = (req, _res, next) => {
  const expected = req.staffSession?.session.csrfToken;
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  // Compared as bytes: a token of as many characters with one beyond ASCII is longer in bytes, and
  // timingSafeEqual throws on buffers of different lengths (a 500 where an old form was meant).
  const givenBytes = typeof given === 'string' ? Buffer.from(given) : undefined;
  const expectedBytes = expected === undefined ? undefined : Buffer.from(expected);
  const ok =
    expectedBytes !== undefined &&
    givenBytes !== undefined &&
    givenBytes.length === expectedBytes.length &&
    crypto.timingSafeEqual(givenBytes, expectedBytes);
  next(ok ? undefined : new ForbiddenError('csrf', 'staff.errors.csrf'));
};
