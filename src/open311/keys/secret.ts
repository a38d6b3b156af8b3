import crypto from 'node:crypto';

/*
 * An API key is 32 random bytes behind a recognisable prefix. It is shown to the admin once;
 * only its SHA-256 is stored. A slow hash adds nothing for a random 256-bit secret, and a fast one
 * lets every request find its key by an index.
 */

const PREFIX = 'tilts_';
/** How much of a key is kept readable, so an admin can tell keys apart: the prefix and 6 more. */
const SHOWN = PREFIX.length + 6;
const SHAPE = /^tilts_[A-Za-z0-9_-]{43}$/;

export function generateKey(): string {
  return `${PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

export function prefixOf(key: string): string {
  return key.slice(0, SHOWN);
}

/** Whether a value could be a key at all: anything else is refused without a database query. */
export function looksLikeKey(value: unknown): value is string {
  return typeof value === 'string' && SHAPE.test(value);
}
