import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { NextFunction, Request, Response } from 'express';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { MASK, maskPrivateDetails } from '../mail/inbound/mask.js';

/** The app's logger; `destination` (standard output when not given) is for tests. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      remove: true,
    },
    formatters: { log: (object) => maskedFields(object) },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg: unknown) => (typeof arg === 'string' ? maskedText(arg) : arg)) as never,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/*
 * No email address or phone number is ever logged, wherever it comes from: a path someone typed
 * (/x/janis@example.org), a relay's refusal that names the recipient ("550 <olga@…>: rejected"),
 * a database error that quotes a value. Every string of a log line is read by the masks that clean
 * a published reply; a line with no `@` and no seven digits close together is left as it is.
 */
const MAYBE_CONTACT = /@|%40|\d(?:\D{0,3}\d){6}/i;
const LOG_SITE = { publicUrl: 'http://localhost', inboundDomain: 'invalid' };
const DEPTH = 5;

export function maskedText(text: string): string {
  return MAYBE_CONTACT.test(text) ? maskPrivateDetails(text, LOG_SITE).text : text;
}

/**
 * A stack's message is masked, its frames are not: they name code (`at Socket.onConnect (node:
 * net:1555:16)`), never what someone typed, and the masks read a port before a frame, `…:25\n at
 * TCPConnectWrap.afterConnect`, as an address written out ("name at domain.tld").
 */
function maskedStack(stack: string): string {
  const frames = stack.search(/\n\s+at /);
  return frames < 0 ? maskedText(stack) : maskedText(stack.slice(0, frames)) + stack.slice(frames);
}

function masked(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskedText(value);
  if (depth >= DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    // The same kind of error (pino's serializer names it by its class), every word masked: its
    // message, stack and own fields (a database error's `detail` quotes the row's values).
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Error;
    Object.assign(copy, maskedFields({ ...value }, depth + 1));
    copy.message = maskedText(value.message);
    if (value.stack) copy.stack = maskedStack(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return maskedFields(value as Record<string, unknown>, depth + 1);
}

/** A log line's fields with their words masked; a request's id is an id, never a number to mask. */
export function maskedFields(object: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) out[key] = key === 'id' ? value : masked(value, depth);
  return out;
}

// A path segment that is a number of seven digits or more, as a phone number is written.
const PHONE_SEGMENT = /^(?:\+|%2B)?[\d().-]*(?:%20[\d().-]*)*$/i;

const isPhoneSegment = (segment: string) =>
  PHONE_SEGMENT.test(segment) && (segment.match(/\d/g)?.length ?? 0) >= 7;

/**
 * A segment with percent-escapes is read as the browser would show it: `janis%40example%2Eorg`,
 * `%32%39%31…` or a twice-escaped address are an address or a number all the same. Masked
 * whole, when its words need a mask.
 */
function encodedContact(segment: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  return isPhoneSegment(decoded) || maskedText(decoded) !== decoded;
}

// Tokens travel in our URLs (confirmation links, action links, private report links): the query
// string is never logged, and any long opaque path segment is masked.
export function safePath(url: string | undefined): string {
  const pathOnly = (url ?? '').split('?')[0] ?? '';
  return pathOnly
    .split('/')
    .map((segment) =>
      segment.length >= 20 && /^[A-Za-z0-9_.~-]+$/.test(segment)
        ? '[token]'
        : isPhoneSegment(segment) || (segment.includes('%') && encodedContact(segment))
          ? MASK
          : segment,
    )
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
    // A proxy's id, unless it is not one: a client's own that would read as a phone number (every
    // other field of a line masks one; an id is kept as it is) is replaced too.
    req.id =
      typeof given === 'string' && /^[\w-]{1,64}$/.test(given) && maskedText(given) === given
        ? given
        : crypto.randomUUID();
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

/** knex's own warnings (a failed connection attempt is one) as log lines: their first line, no stack. */
export function knexLog(logger: Logger): Knex.Logger {
  const line = (message: unknown) => String(message).split('\n')[0] ?? '';
  const fields = { component: 'database' };
  return {
    warn: (message: unknown) => logger.warn(fields, line(message)),
    error: (message: unknown) => logger.error(fields, line(message)),
    debug: (message: unknown) => logger.debug(fields, line(message)),
    deprecate: (method: string, alternative: string) =>
      logger.warn(fields, `${method} is deprecated; use ${alternative}`),
  };
}
