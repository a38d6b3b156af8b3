import { isIPv6 } from 'node:net';
import type { Request } from 'express';
import { storedAddress } from '../mail/address-key.js';

/*
 * Who a per-address limit counts. An IPv4 address is one client (a household's or a village's
 * router); an IPv6 client is given a whole /64 by its provider and picks any address in it, so
 * counting each address would hand it 2^64 fresh budgets. The /64 is the client.
 */

/** The key a limit counts `address` under: an IPv4 address, or the /64 of an IPv6 one. */
export function clientOf(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expand(address).slice(0, 4).join(':')}::/64`;
}

/**
 * The mailbox a per-address limit counts `email` under: as the address is kept (storedAddress: any
 * case, any spelling of its domain, so that its erasure finds every counter), and a subaddress
 * (`anna+1@…`, RFC 5233) counted as its mailbox, where it is delivered; otherwise each `+tag`
 * would be a fresh budget of emails to the same person.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).split('+')[0] || email.slice(0, at);
  return storedAddress(`${local}${email.slice(at)}`);
}

/** The client a request counts as for a per-address limit (its address as TRUST_PROXY reads it). */
export const limitClient = (req: Request): string => clientOf(req.ip);

// The eight groups of an IPv6 address, "::" filled in, without a zone ("fe80::1%eth0").
function expand(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...missing, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
