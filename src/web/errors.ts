import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestFields } from './logging.js';

/** An error a visitor may see: a status, a stable code, and a catalog key for its message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
  ) {
    super(code);
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
  constructor(code = 'bad_request', messageKey = 'errors.badRequest.text') {
    super(400, code, messageKey);
  }
}

export function notFound(_req: Request, _res: Response, next: NextFunction) {
  next(new NotFoundError());
}

function statusOf(error: unknown): number {
  if (error instanceof AppError) return error.status;
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
    if (status >= 500) options.logger.error({ err: error, req: requestFields(req) }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    const messageKey =
      error instanceof AppError
        ? error.messageKey
        : status === 404
          ? 'errors.notFound.text'
          : status === 413
            ? 'errors.tooLarge.text'
            : status < 500
              ? 'errors.badRequest.text'
              : 'errors.server.text';
    const view = status === 404 ? 'errors/404' : status >= 500 ? 'errors/500' : 'errors/4xx';
    res.status(status);
    // A failure before the i18n middleware ran still gets a page; it falls back to the key text.
    if (typeof res.locals.t !== 'function') {
      res.type('text/plain').send(status >= 500 ? 'Internal Server Error' : 'Error');
      return;
    }
    res.render(view, {
      messageKey,
      detail: options.production || !(error instanceof Error) || status < 500 ? undefined : error.stack,
    });
  };
}
