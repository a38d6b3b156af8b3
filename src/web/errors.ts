import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestFields } from './logging.js';

/**
 * An error a visitor may see: a status, a stable code, and a catalog key for its message.
 * One below 500 is an answer, not a fault: nothing logs its stack, so none is captured (V8's
 * stack capture was a twentieth of the CPU a 404 costs, and crawlers ask for many).
 */
export class AppError extends Error {
  /** A page that helps with this error (what the codes of open data are), linked beside the way back. */
  link?: { href: string; key: string };

  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
  ) {
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor() {
    super(404, 'not_found', 'errors.notFound.text');
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'forbidden', messageKey = 'errors.forbidden.text') {
    super(403, code, messageKey);
  }
}

export class BadRequestError extends AppError {
  constructor(
    code = 'bad_request',
    messageKey = 'errors.badRequest.text',
    link?: { href: string; key: string },
  ) {
    super(400, code, messageKey);
    this.link = link;
  }
}

/** Seconds a client is asked to wait when the database is away (`Retry-After`). */
export const UNAVAILABLE_RETRY_AFTER_S = 30;

// Socket-level failures of the connection to PostgreSQL, and its SQLSTATEs for "the server is
// going away or not there yet": class 08 (connection exception), 57P01–57P03 (administrator
// shutdown, crash shutdown, cannot connect now: a restart), 53300 (too many connections).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
// knex puts the query before pg's message ("select … - Connection terminated unexpectedly").
const UNAVAILABLE_MESSAGES = [
  /(^| - )Connection terminated\b/,
  /Client has encountered a connection error and is not queryable/,
  /Knex: Timeout acquiring a connection/,
  /Client was closed and is not queryable/,
];

/**
 * The database cannot be reached right now (restarting, network gone, pool exhausted): the
 * request is not at fault and the same request later may well succeed, so it is a 503, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (name === 'KnexTimeoutError') return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

export function notFound(_req: Request, _res: Response, next: NextFunction) {
  next(new NotFoundError());
}

function statusOf(error: unknown): number {
  if (error instanceof AppError) return error.status;
  if (isDatabaseUnavailable(error)) return 503;
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * The end of every request that failed: a translated page, never a stack trace or a database
 * message in production. In development the error text is shown to help the developer.
 */
export function errorHandler(options: { production: boolean; logger: Logger }) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(error);
    const unavailable = status === 503 && !(error instanceof AppError);
    if (unavailable)
      options.logger.warn(
        { err: error, req: requestFields(req) },
        // The same network failures (refused, timed out) come from the photo storage too.
        'request failed: the database or the photo storage is unavailable',
      );
    else if (status >= 500) options.logger.error({ err: error, req: requestFields(req) }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    const messageKey =
      error instanceof AppError
        ? error.messageKey
        : unavailable
          ? 'errors.unavailable.text'
          : status === 404
            ? 'errors.notFound.text'
            : status === 413
              ? 'errors.tooLarge.text'
              : status < 500
                ? 'errors.badRequest.text'
                : 'errors.server.text';
    const view =
      status === 404
        ? 'errors/404'
        : unavailable
          ? 'errors/503'
          : status >= 500
            ? 'errors/500'
            : 'errors/4xx';
    res.status(status);
    if (unavailable) {
      res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
      // Never kept by a cache along the way: the next visitor should get the page, not this.
      res.set('Cache-Control', 'no-store');
    }
    // A failure before the i18n middleware ran still gets a page; it falls back to the key text.
    if (typeof res.locals.t !== 'function') {
      res
        .type('text/plain')
        .send(unavailable ? 'Service Unavailable' : status >= 500 ? 'Internal Server Error' : 'Error');
      return;
    }
    res.render(view, {
      messageKey,
      // A page a role may not open says so, not that the request was wrong; nor does a refusal
      // of one request too many, or a link that has ended (nothing in either was wrong).
      titleKey:
        status === 403
          ? 'errors.forbidden.title'
          : status === 429
            ? 'errors.tooMany.title'
            : status === 410
              ? 'errors.gone.title'
              : 'errors.badRequest.title',
      // Staff are sent back to their workspace, residents to the home page.
      back: req.path.startsWith('/staff')
        ? { href: '/staff', key: 'errors.backStaff' }
        : { href: '/', key: 'errors.backHome' },
      link: error instanceof AppError ? error.link : undefined,
      detail: options.production || !(error instanceof Error) || status < 500 ? undefined : error.stack,
    });
  };
}
