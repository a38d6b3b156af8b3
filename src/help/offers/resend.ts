import type { Queryable } from '../../db/transaction.js';
import type { OfferDetails } from './rows.js';

/*
 * The offer form sent again: going back to it and sending it once more (the page is never cached,
 * so Back brings a new submission key while the browser refills what was typed), or a double
 * click, within minutes. The same offer sent later is a new one.
 */

/** How long the same form sent again is the offer it made. */
export const RESEND_WINDOW_MS = 30 * 60 * 1000;

/** The first key of the advisory lock below: a number no other lock of ours uses with two keys. */
const RESEND_LOCK = 4_713_003;

/** Since when an offer of the same form is this one sent again. */
export const resendSince = (now: Date): Date => new Date(now.getTime() - RESEND_WINDOW_MS);

/**
 * Waits, to the end of the transaction, for any other send of the same address and words: of two
 * sends at once, the second then finds the offer the first made.
 */
export async function waitForSameOffer(
  trx: Queryable,
  details: Pick<OfferDetails, 'email' | 'name' | 'about'>,
): Promise<void> {
  const words = `${details.email.toLowerCase()}\n${details.name}\n${details.about}`;
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [RESEND_LOCK, words]);
}

/** Whether two lists of codes (kinds, parishes) hold the same codes, in any order. */
export function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((code) => right.has(code));
}
