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
 * Helmet with a strict policy: scripts only from files on our origin (no inline script at all, so
 * no nonce is needed, and the header is the same on every response), no inline styles, no
 * framing, and no Referer, so tokens in our URLs never leak to another site.
 */
export function setUpWebSecurity(options: { mapTileUrl: string; https: boolean }) {
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
