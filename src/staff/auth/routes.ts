import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { addLanguage } from '../../i18n/language-url.js';
import { isSingleAddress } from '../../mail/address.js';
import { cleanAddress, cleanLine } from '../../web/clean-text.js';
import { originCheck } from '../../web/origin-check.js';
import { rememberSentTo, takeSentTo } from '../../web/sent-to.js';
import { parseForm } from '../../web/uploads.js';
import { checkCsrf, clearStaffCookie, clientIp as ip, setStaffCookie } from '../session.js';
import type { StaffAuthService } from './service.js';

const emailForm = z.object({ email: z.string().transform(cleanLine).refine(isSingleAddress) });
const codeForm = z.object({
  code: z
    .string()
    .transform((code) => code.trim())
    .pipe(z.string().min(1).max(40)),
});

// An empty or overlong code field: no code was typed, as letters are none.
const NO_CODE = { ok: false, reason: 'not-six-digits' } as const;

/**
 * What the code page says of a code that did not sign in. A slip (letters, too few digits) is
 * shown again as typed, to be corrected; a wrong code is not (the next one is new).
 */
function codeError(reason: string, body: unknown): { error: string; code: string } {
  if (reason !== 'not-six-digits')
    return { error: `staff.twoFactor.errors.${reason === 'locked' ? 'locked' : 'wrong'}`, code: '' };
  const typed = (body as { code?: unknown } | undefined)?.code;
  return {
    error: 'staff.twoFactor.errors.sixDigits',
    code: typeof typed === 'string' ? cleanLine(typed).slice(0, 40) : '',
  };
}

/** Where to go after signing in: a page of the workspace, never another site. */
function nextPath(value: unknown): string {
  return typeof value === 'string' && /^\/staff(?:[/?#]|$)/.test(value) && !value.startsWith('//')
    ? value
    : '/staff';
}

/**
 * The page a signed-out member was sent from to sign in, kept in this browser until the code is
 * given (the emailed link carries nothing of it): half an hour, the workspace's paths only.
 */
const NEXT_COOKIE = 'tilts-staff-next';
const NEXT_MS = 30 * 60 * 1000;
/** "Check your email": a page of its own, so reloading it asks for no new link (another email, counted). */
const SENT_PAGE = '/staff/sign-in/sent';

/**
 * The sign-in pages' own form and links, and the redirect to "check your email", say the language
 * the person chose, Latvian too, where every other page's name Latvian only for a browser that
 * asks for another language (`langUrl`, and every redirect, src/web/language-redirect.ts): the
 * link's email is in a language chosen here, else in the member's own, so a Latvian chosen here
 * must reach the POST, even with the cookie refused on a Latvian browser, to choose the email's.
 */
const chosen = (req: Request, path: string) => (req.languageChosen ? addLanguage(path, req.language) : path);

/**
 * Signing in and out: the address form, the emailed link's landing page (its button does the
 * POST), enrolling a phone for TOTP with its recovery codes, the code page, and signing out.
 * Pages before the session exists are guarded by the origin check; pages after it by its token.
 */
export function staffAuthRoutes(deps: { auth: StaffAuthService; publicUrl: string; https: boolean }): Router {
  const router = Router();
  const { auth, https } = deps;
  const sameOrigin = originCheck({ publicUrl: deps.publicUrl });
  const headForm = '<meta name="referrer" content="same-origin">';

  const signInPage = (
    req: Request,
    res: Response,
    status: number,
    locals: { email?: string; error?: string; signedOut?: boolean },
  ) =>
    res.status(status).render('staff/sign-in', {
      head: headForm,
      email: '',
      error: null,
      signedOut: false,
      action: chosen(req, '/staff/sign-in'),
      ...locals,
    });

  router.get('/staff/sign-in', (req, res) => {
    const next = nextPath(req.query.next);
    if (req.staff) return res.redirect(303, next);
    if (next !== '/staff')
      res.cookie(NEXT_COOKIE, next, {
        httpOnly: true,
        secure: https,
        sameSite: 'lax',
        path: '/staff',
        maxAge: NEXT_MS,
      });
    signInPage(req, res, 200, { signedOut: req.query['signed-out'] === '1' });
  });

  router.post('/staff/sign-in', sameOrigin, parseForm, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = emailForm.safeParse(body);
    if (!parsed.success) {
      return signInPage(req, res, 422, {
        email: typeof body.email === 'string' ? cleanAddress(body.email) : '',
        error: 'staff.signIn.errors.email',
      });
    }
    // In the language chosen on this page; otherwise in the one the member's account has.
    const language = req.languageChosen ? req.language : undefined;
    const outcome = await auth.requestLink(parsed.data.email, ip(req), language);
    if (outcome === 'limited')
      return signInPage(req, res, 429, { email: parsed.data.email, error: 'staff.signIn.errors.limited' });
    rememberSentTo(res, SENT_PAGE, parsed.data.email, https);
    res.redirect(303, chosen(req, SENT_PAGE));
  });

  // Before the link's route, which would take "sent" for a token.
  router.get(SENT_PAGE, (req, res) => {
    res.render('staff/sign-in-sent', {
      email: takeSentTo(req, res, SENT_PAGE, https),
      again: chosen(req, '/staff/sign-in'),
    });
  });

  // The link's page changes nothing (mail scanners open links): a button only if it would sign in.
  router.get('/staff/sign-in/:token', async (req, res) => {
    if (!(await auth.checkLink(String(req.params.token))))
      return res.status(410).render('staff/sign-in-invalid');
    res.render('staff/sign-in-link', {
      head: headForm,
      action: `/staff/sign-in/${encodeURIComponent(req.params.token)}`,
    });
  });

  router.post('/staff/sign-in/:token', sameOrigin, parseForm, async (req, res) => {
    const exchanged = await auth.exchangeLink(String(req.params.token), ip(req));
    if (!exchanged) return res.status(410).render('staff/sign-in-invalid');
    setStaffCookie(res, https, exchanged.sessionToken);
    res.redirect(303, exchanged.member.enrolled ? '/staff/two-factor' : '/staff/enrol');
  });

  const halfSignedIn = (req: Request, res: Response) => {
    if (req.staffSession && !req.staff) return req.staffSession;
    res.redirect(303, req.staff ? '/staff' : '/staff/sign-in');
    return undefined;
  };

  router.get('/staff/enrol', async (req, res) => {
    const found = halfSignedIn(req, res);
    if (!found) return;
    if (found.member.enrolled) return res.redirect(303, '/staff/two-factor');
    res.render('staff/enrol', { ...(await auth.enrolment(found.member)), error: null });
  });

  router.post('/staff/enrol', parseForm, checkCsrf, async (req, res) => {
    const found = halfSignedIn(req, res);
    if (!found) return;
    // An enrolled member proves the phone they have: the link alone never enrols another.
    if (found.member.enrolled) return res.redirect(303, '/staff/two-factor');
    const parsed = codeForm.safeParse(req.body);
    const result = parsed.success
      ? await auth.completeEnrolment(found.session, parsed.data.code, ip(req))
      : NO_CODE;
    if (result.ok === false && result.reason === 'enrolled') return res.redirect(303, '/staff/two-factor');
    if (!result.ok) {
      // The same key and QR code as before: the phone that scanned them goes on showing codes.
      return res.status(result.reason === 'locked' ? 423 : 422).render('staff/enrol', {
        ...(await auth.enrolment(found.member)),
        ...codeError(result.reason, req.body),
      });
    }
    setStaffCookie(res, https, result.sessionToken);
    res.render('staff/recovery-codes', { codes: result.recoveryCodes });
  });

  router.get('/staff/two-factor', (req, res) => {
    const found = halfSignedIn(req, res);
    if (!found) return;
    if (!found.member.enrolled) return res.redirect(303, '/staff/enrol');
    res.render('staff/two-factor', { error: null });
  });

  router.post('/staff/two-factor', parseForm, checkCsrf, async (req, res) => {
    const found = halfSignedIn(req, res);
    if (!found) return;
    const parsed = codeForm.safeParse(req.body);
    const result = parsed.success
      ? await auth.secondFactor(found.session, parsed.data.code, ip(req))
      : NO_CODE;
    if (result.ok) {
      setStaffCookie(res, https, result.sessionToken);
      // Back to the page that asked for the sign-in, if this browser came from one.
      const next = nextPath((req.cookies as Record<string, unknown> | undefined)?.[NEXT_COOKIE]);
      res.clearCookie(NEXT_COOKIE, { httpOnly: true, secure: https, sameSite: 'lax', path: '/staff' });
      return res.redirect(303, next);
    }
    if (result.reason === 'not-enrolled') return res.redirect(303, '/staff/enrol');
    res
      .status(result.reason === 'locked' ? 423 : 422)
      .render('staff/two-factor', codeError(result.reason, req.body));
  });

  router.post('/staff/sign-out', parseForm, checkCsrf, async (req, res) => {
    if (req.staffSession) await auth.signOut(req.staffSession.session, ip(req));
    clearStaffCookie(res, https);
    res.redirect(303, '/staff/sign-in?signed-out=1');
  });

  return router;
}
