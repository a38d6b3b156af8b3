import { storedAddress } from '../../mail/address-key.js';
import type { OfferRecord } from './repository.js';

/** Two addresses are one when they are kept alike (storedAddress: in any case, any domain spelling). */
export const sameAddress = (a: string | null, b: string): boolean =>
  a !== null && storedAddress(a) === storedAddress(b);

/**
 * Whether saving the owner's form with this address sends a link to it: an address that is
 * neither the offer's proven one nor the one already waiting for its link. Each such save is an
 * email to an address the owner typed, so the page counts them (manage-routes.ts).
 */
export function sendsAddressLink(offer: Pick<OfferRecord, 'email' | 'pendingEmail'>, email: string): boolean {
  return !sameAddress(offer.email, email) && !sameAddress(offer.pendingEmail, email);
}
