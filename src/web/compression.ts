import zlib from 'node:zlib';
import compression from 'compression';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Below this a compressed body saves less than its headers and the work cost (the page cache's kept pages too). */
export const COMPRESS_FROM_BYTES = 1024;

/**
 * `compression` sends every `res.on('drain')` listener to its zlib stream but lets `res.off`
 * remove only from the response, so a long export that waits for "drain" thousands of times would
 * pile its listeners up on the stream. Listeners go through one relay instead, which `off` empties.
 */
function drainRelay(_req: Request, res: Response, next: NextFunction) {
  const waiting = new Set<(...args: unknown[]) => void>();
  let relaying = false;
  const on = res.on.bind(res);
  const off = res.off.bind(res);
  const relay = (...args: unknown[]) => {
    for (const listener of [...waiting]) listener(...args);
  };
  res.on = res.addListener = ((event: string | symbol, listener: (...args: unknown[]) => void) => {
    if (event !== 'drain') return on(event, listener);
    waiting.add(listener);
    if (!relaying) {
      relaying = true;
      on('drain', relay);
    }
    return res;
  }) as Response['on'];
  res.off = res.removeListener = ((event: string | symbol, listener: (...args: unknown[]) => void) => {
    if (event !== 'drain') return off(event, listener);
    waiting.delete(listener);
    return res;
  }) as Response['off'];
  next();
}

/**
 * gzip and brotli for what is made per request (pages, feeds, GeoJSON, open data, XML, CSV, SVG):
 * brotli at quality 4, which compresses a page nearly as well as gzip 9 in a fraction of the time,
 * by the client's Accept-Encoding, with `Vary: Accept-Encoding`; nothing under 1 KB, and nothing
 * the static files already sent compressed (those are compressed once, at quality 11, in static.ts).
 * A streamed export still streams: each chunk goes through zlib as it is written.
 *
 * A request with no Accept-Encoding at all is answered as it is (as `compression` would decide
 * only once the headers go out, after wrapping the response's write, end and listeners for it):
 * it gets its `Vary` at once and passes by untouched.
 */
export function setUpCompression(): RequestHandler {
  const compress = compression({
    threshold: COMPRESS_FROM_BYTES,
    level: 6,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  return (req, res, next) => {
    if (req.headers['accept-encoding'] === undefined) {
      res.vary('Accept-Encoding');
      next();
      return;
    }
    compress(req, res, (error?: unknown) => {
      if (error) next(error);
      else drainRelay(req, res, next);
    });
  };
}
