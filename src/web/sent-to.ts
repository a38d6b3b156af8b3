import type { Request, Response } from 'express';

/**
 * The address a form's email went to, carried across the redirect to the page that says it was
 * sent ("we wrote to ana@example.org"), so a mistyped address is seen while the form is still
 * fresh in mind. It stays out of the URL (browser history, proxy logs): it rides in a cookie sent
 * to that one page only, for ten minutes, and the page deletes it on reading it, so a reload, the
 * back button or the next person at a library's computer sees the page without it.
 */
const COOKIE = 'tilts-sent-to';
const TEN_MINUTES_MS = 10 * 60 * 1000;
/** What the forms accept as an address (zod's email, at most 254 characters); anything else is ignored. */
const ADDRESS = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,189}$/;

function options(page: string, https: boolean) {
  return { httpOnly: true, secure: https, sameSite: 'lax' as const, path: page };
}

export function rememberSentTo(res: Response, page: string, address: string, https: boolean): void {
  res.cookie(COOKIE, address, { ...options(page, https), maxAge: TEN_MINUTES_MS });
}

/** The address, once; the page that shows it is not to be kept by any cache. */
export function takeSentTo(req: Request, res: Response, page: string, https: boolean): string | null {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[COOKIE];
  if (value === undefined) return null;
  res.clearCookie(COOKIE, options(page, https));
  if (typeof value !== 'string' || !ADDRESS.test(value)) return null;
  res.set('Cache-Control', 'no-store');
  return value;
}
