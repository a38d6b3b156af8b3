import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Cross-site request protection without a session or a token: residents post anonymously, and a
 * session cookie just to carry a CSRF token would be the only cookie they ever get. Browsers say
 * where a request comes from, and a page on another site cannot forge it:
 * - `Sec-Fetch-Site` (every current browser) decides alone when present. `Origin` cannot: under
 *   our `Referrer-Policy: no-referrer` a browser sends `Origin: null` even for our own forms.
 * - Otherwise (older browsers) `Origin` must be ours. Pages with forms set a `same-origin`
 *   referrer policy in a meta element, so those browsers send the real origin, not `null`.
 * - A request with neither header is not from a browser (curl, an integration): it cannot ride
 *   on a resident's browser and is let through.
 *
 * The request's own origin is accepted besides the public URL, so a developer on another host
 * name or port (and the browser tests on a random port) is not refused by their own server.
 */
export function originCheck(options: { publicUrl: string }) {
  const publicOrigin = originOf(options.publicUrl);
  return (req: Request, _res: Response, next: NextFunction) => {
    next(
      SAFE_METHODS.has(req.method) || sentFromOurSite(req, publicOrigin)
        ? undefined
        : new ForbiddenError('cross_site', 'reportForm.crossSite'),
    );
  };
}

/**
 * What the browser says of where a request comes from (`Sec-Fetch-Site`): our own pages, or typed
 * or bookmarked (`none`), or not; undefined when it says nothing (an older browser, or no browser).
 */
export function fetchedFromOurPages(req: Request): boolean | undefined {
  const fetchSite = req.get('sec-fetch-site');
  return fetchSite === undefined ? undefined : SAME_SITE_FETCH.has(fetchSite.toLowerCase());
}

/** Whether a request was sent from our site, as originCheck judges a form (see there). */
export function sentFromOurSite(req: Request, publicOrigin: string | undefined): boolean {
  const fetched = fetchedFromOurPages(req);
  if (fetched !== undefined) return fetched;
  const origin = req.get('origin');
  if (origin === undefined) return true;
  const host = req.get('host');
  const ownOrigin = host ? originOf(`${req.protocol}://${host}`) : undefined;
  return origin === publicOrigin || origin === ownOrigin;
}
