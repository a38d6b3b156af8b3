import type { Queryable } from '../../db/transaction.js';
import { storedAddress } from '../../mail/address-key.js';
import { waitForResend } from '../../web/resend.js';
import type { OfferDetails } from './rows.js';

/**
 * Waits, to the end of the transaction, for any other send of the same address and words: of two
 * sends of the offer form at once (src/web/resend.ts), the second then finds the offer the first
 * made.
 */
export async function waitForSameOffer(
  trx: Queryable,
  details: Pick<OfferDetails, 'email' | 'name' | 'about'>,
): Promise<void> {
  await waitForResend(trx, 'helpOffer', `${storedAddress(details.email)}\n${details.name}\n${details.about}`);
}

/** Whether two lists of codes (kinds, parishes) hold the same codes, in any order. */
export function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((code) => right.has(code));
}
