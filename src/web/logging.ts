import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      remove: true,
    },
  });
}

// Tokens travel in our URLs (confirmation links, action links, private report links): the query
// string is never logged, and any long opaque path segment is masked.
export function safePath(url: string | undefined): string {
  const pathOnly = (url ?? '').split('?')[0] ?? '';
  return pathOnly
    .split('/')
    .map((segment) => (segment.length >= 20 && /^[A-Za-z0-9_.~-]+$/.test(segment) ? '[token]' : segment))
    .join('/');
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id in every log line about this request (from `X-Request-Id` or a new UUID). */
    id: string;
  }
}

/** How a log line names a request: its id, method and path (never the query string). */
export function requestFields(req: Request) {
  return { id: req.id, method: req.method, path: safePath(req.originalUrl) };
}

/**
 * One JSON line per request once it is answered (or abandoned). Deliberately small: a child logger
 * per request (as pino-http makes) cost more than rendering a page's header.
 */
export function setUpRequestLogging(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    // Probes and scrapes come every few seconds and say nothing a person needs to read.
    if (req.url !== '/healthz' && req.url !== '/metrics') {
      const start = performance.now();
      res.once('close', () => {
        const level = res.statusCode >= 500 ? 'error' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        logger[level](
          {
            req: requestFields(req),
            res: { statusCode: res.statusCode },
            responseTime: Math.round(performance.now() - start),
          },
          res.writableFinished ? 'request completed' : 'request aborted',
        );
      });
    }
    next();
  };
}
