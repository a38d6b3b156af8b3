import type { Queryable } from '../db/transaction.js';
import type { NewReportInput } from './new-report.js';

/*
 * The web form sent again: going back to it and sending it once more (the page is never cached,
 * so Back refills what was typed), or a double click, within minutes. The same words later are a
 * new report.
 */

/** How long the same web form sent again is the report it made. */
export const RESEND_WINDOW_MS = 30 * 60 * 1000;

/** The first key of the advisory lock below: a number no other lock of ours uses with two keys. */
const RESEND_LOCK = 4_713_002;

/** Since when a report of the same form is this one sent again. */
export const resendSince = (now: Date): Date => new Date(now.getTime() - RESEND_WINDOW_MS);

/**
 * Waits, to the end of the transaction, for any other send of the same words to one parish: of two
 * sends at once, the second then finds the report the first made.
 */
export async function waitForSameWords(
  trx: Queryable,
  input: Pick<NewReportInput, 'parishCode' | 'title' | 'description'>,
): Promise<void> {
  const words = `${input.parishCode}\n${input.title}\n${input.description}`;
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [RESEND_LOCK, words]);
}
