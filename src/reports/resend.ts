import type { Queryable } from '../db/transaction.js';
import { waitForResend } from '../web/resend.js';
import type { NewReportInput } from './new-report.js';

/**
 * Waits, to the end of the transaction, for any other send of the same words to one parish: of two
 * sends of the web form at once (src/web/resend.ts), the second then finds the report the first made.
 */
export async function waitForSameWords(
  trx: Queryable,
  input: Pick<NewReportInput, 'parishCode' | 'title' | 'description'>,
): Promise<void> {
  await waitForResend(trx, 'report', `${input.parishCode}\n${input.title}\n${input.description}`);
}
