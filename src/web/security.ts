import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Origins the map tiles come from, so the Content-Security-Policy lets them in and nothing else. */
export function tileOrigin(tileUrl: string): string | undefined {
  try {
    const url = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a'));
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.origin.replace('//a.', '//*.')
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The headers a middleware sets when it reads nothing of the request: run once against a response
 * that only records them. Helmet's middleware answers synchronously and only sets or removes
 * headers; anything else (an error, or waiting) is a mistake to hear of at start-up.
 */
export function fixedHeaders(middleware: (req: Request, res: Response, next: NextFunction) => void) {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.set(name, String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
  };
  let finished = false;
  middleware({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error instanceof Error) throw error;
    if (error) throw new Error('the security headers could not be worked out');
    finished = true;
  });
  if (!finished) throw new Error('the security headers did not come at once');
  return [...headers];
}

/**
 * Helmet with a strict policy: scripts only from files on our origin (no inline script at all, so
 * no nonce is needed, and the header is the same on every response), no inline styles, no
 * framing, and no Referer, so tokens in our URLs never leak to another site.
 *
 * Nothing in the policy depends on the request, so helmet runs once and every response gets the
 * headers it set: as twelve middlewares, it joined the policy's directives afresh on every request.
 */
export function setUpWebSecurity(options: { mapTileUrl: string; https: boolean }): RequestHandler {
  const headers = fixedHeaders(securityMiddleware(options));
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * Helmet as configured: a middleware that works its headers out on every request
 * (setUpWebSecurity runs it once).
 */
export function securityMiddleware(options: { mapTileUrl: string; https: boolean }) {
  const tiles = tileOrigin(options.mapTileUrl);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tiles ? [tiles] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.https,
    crossOriginEmbedderPolicy: false,
  });
}
