import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

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

export function setUpRequestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: safePath(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' },
  });
}
