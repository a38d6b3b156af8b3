import { storedAddress } from '../../mail/address-key.js';

/**
 * A contact as Tilts compares it: an address as it is kept (storedAddress: any case, any spelling
 * of its domain), a phone as its digits without Latvia's +371 (so "+371 2000 0001", "20000001"
 * and "2000-0001" are one number).
 */
export const emailKey = (email: string): string => `email:${storedAddress(email)}`;
export const phoneKey = (phone: string): string =>
  `phone:${phone.replace(/\D/g, '').replace(/^371(?=\d{8}$)/, '')}`;

interface Reachable {
  email: string | null;
  phone: string | null;
}

/**
 * Whether two pairs of contacts are the same as typed twice: each of email and phone equal as
 * Tilts compares them, and one left out only where the other was left out too. Sharing one of
 * them is not enough: the same phone with another address is someone writing again, not a resend.
 */
export function sameContact(one: Reachable, other: Reachable): boolean {
  const same = (a: string | null, b: string | null, key: (value: string) => string) =>
    a && b ? key(a) === key(b) : !a && !b;
  return same(one.email, other.email, emailKey) && same(one.phone, other.phone, phoneKey);
}

/** A name as typed twice: the same letters, whatever the case or the spaces between words. */
export const sameName = (one: string | null, other: string | null): boolean =>
  (one ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase() ===
  (other ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
