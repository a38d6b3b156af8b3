import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
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
 * Helmet with a strict policy: scripts only from our origin or with this response's nonce, no
 * inline styles, no framing, and no Referer, so tokens in our URLs never leak to another site.
 */
export function setUpWebSecurity(options: { mapTileUrl: string; production: boolean }) {
  const tiles = tileOrigin(options.mapTileUrl);
  const nonce = (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tiles ? [tiles] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.production,
    crossOriginEmbedderPolicy: false,
  });
  return [nonce, headers];
}
