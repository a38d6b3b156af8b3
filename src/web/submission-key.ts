import { randomBytes } from 'node:crypto';

/** The hidden field a form carries its submission key in. */
export const SUBMISSION_KEY_FIELD = 'submission_key';

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * A new random key for one render of a form (144 bits, URL-safe). Sent back with the form, it is
 * kept with the row the form made, so the same form sent twice (a double click, a resend after a
 * slow link) finds that row instead of making a second.
 */
export function newSubmissionKey(): string {
  return randomBytes(18).toString('base64url');
}

/** The key a form came with, or undefined when it has none (an older page) or a malformed one. */
export function submissionKeyOf(body: Record<string, unknown>): string | undefined {
  const value = body[SUBMISSION_KEY_FIELD];
  return typeof value === 'string' && KEY.test(value) ? value : undefined;
}

/** The key a form shown again (with its errors) keeps: the one it came with, or a new one. */
export const keepSubmissionKey = (body: Record<string, unknown>): string =>
  submissionKeyOf(body) ?? newSubmissionKey();
