import type { Queryable } from '../db/transaction.js';

/*
 * A public form sent again: going back to it and sending it once more (the page is never cached,
 * so Back refills what was typed, with a new submission key where the form has one), or a double
 * click, within minutes. The same words sent later are a new report, request or offer. Each form
 * keeps its own rule of what "the same form" is; this is what they share: how long a resend is
 * known, and the lock two sends at once wait on for each other.
 */

/** How long the same form sent again is what it made the first time. */
export const RESEND_WINDOW_MS = 30 * 60 * 1000;

/** Since when something made by the same form is this one sent again. */
export const resendSince = (now: Date): Date => new Date(now.getTime() - RESEND_WINDOW_MS);

/**
 * The first keys of each form's advisory lock (the second is a hash of its words): fixed numbers,
 * one a form, that no other lock of ours uses with two keys.
 */
export const RESEND_LOCKS = {
  helpRequest: 4_713_001,
  report: 4_713_002,
  helpOffer: 4_713_003,
  helpConcern: 4_713_004,
} as const;

/**
 * Waits, to the end of the transaction, for any other send of the same words (as the form puts
 * them together) on the form's own lock: of two sends at once, the second then finds what the
 * first made.
 */
export async function waitForResend(
  trx: Queryable,
  form: keyof typeof RESEND_LOCKS,
  words: string,
): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [RESEND_LOCKS[form], words]);
}
