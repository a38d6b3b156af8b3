/*
 * What to do when SMTP says no. Pure functions, so the rules have their own unit tests.
 *
 * RFC 5321: a 4yz reply is transient (try again later), a 5yz reply permanent (this message
 * will never be accepted as it is), except 503 (bad sequence of commands), which is the session's
 * fault rather than the message's. An error with no reply at all — refused connection, timeout,
 * DNS — says nothing about the message, so it is transient too. So is a failed login: a wrong
 * SMTP password is ours to fix, and every email must still go out once it is fixed.
 */

export interface SendFailure {
  /** Never retried: the row is dead-lettered at once. */
  permanent: boolean;
  /** No SMTP reply at all (the server is unreachable); the rest of a batch need not be tried. */
  unreachable: boolean;
  /** One line for `outbox.last_error`. */
  description: string;
}

const NO_RETRY_CODES = new Set(['ECONFIG']);
const CONFIGURATION_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2']);
const UNREACHABLE_CODES = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

export function classifySendError(error: unknown): SendFailure {
  const fields = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const description = [code, responseCode, message.replace(/\s+/g, ' ').trim()]
    .filter((part) => part !== undefined && part !== '')
    .join(' ')
    .slice(0, 1000);
  const configuration = code !== undefined && CONFIGURATION_CODES.has(code);
  const permanent =
    !configuration &&
    ((responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503) ||
      (code !== undefined && NO_RETRY_CODES.has(code)));
  const unreachable = responseCode === undefined && code !== undefined && UNREACHABLE_CODES.has(code);
  return { permanent, unreachable, description };
}

export interface RetryPolicy {
  /** The delay before the second attempt; it doubles with every further attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many attempts a transient failure dead-letters the row too. */
  maxAttempts: number;
}

/** 1, 2, 4 … minutes up to 4 hours: twelve attempts span about 16 hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  baseDelayMs: 60_000,
  maxDelayMs: 4 * 60 * 60_000,
  maxAttempts: 12,
});

/**
 * Exponential backoff with "equal jitter": between half and all of the exponential delay, so a
 * batch that failed together does not come back together.
 */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random = Math.random,
) {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
