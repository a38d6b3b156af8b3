import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Signed per-report reply addresses: r-<ref>-<sig>@<domain>.
 *
 * The signature binds the report reference to the person the notification was sent to, so an
 * address cannot be guessed for another report, and a reply can be traced to the notification it
 * answers. Mail clients and relays may change the case of the local part, so everything is
 * compared lower-cased and the signature alphabet (base32) is case-free.
 */

/** 16 base32 characters = 80 bits: unforgeable in practice, short enough for a To: line. */
export const SIGNATURE_LENGTH = 16;

const PREFIX = 'r-';
// Versioned so a future change of the signed message cannot collide with today's signatures.
const SIGNING_CONTEXT = 'tilts-reply-address-v1';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
// A ref like RZN-2026-00042: letters and digits in hyphen-separated groups.
const REF_PATTERN = /^[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){1,4}$/;
const SIGNATURE_PATTERN = new RegExp(`^[a-z2-7]{${SIGNATURE_LENGTH}}$`);

export interface ReplyAddressInput {
  /** Report reference, e.g. `RZN-2026-00042`; any case. */
  ref: string;
  /** The address the notification carrying this Reply-To is sent to. */
  recipient: string;
  secret: string;
  /** Domain the inbound doors receive mail for, e.g. `tilts.example.org`. */
  domain: string;
}

export type ReplyAddressFailure = 'wrong-domain' | 'malformed' | 'bad-signature';

export type ParsedReplyAddress =
  | { ok: true; ref: string; signature: string }
  | { ok: false; reason: Exclude<ReplyAddressFailure, 'bad-signature'> };

export type VerifiedReplyAddress =
  { ok: true; ref: string; recipient: string } | { ok: false; reason: ReplyAddressFailure; ref?: string };

export interface VerifyOptions {
  /** The current secret, or several during a rotation (the first one signs new addresses). */
  secret: string | readonly string[];
  domain: string;
  /** Candidate recipients: the sender of the reply and/or the addresses the report was sent to. */
  recipients: readonly string[];
}

export function normaliseRef(ref: string): string {
  return ref.trim().toUpperCase();
}

export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

export function makeReplyAddress({ ref, recipient, secret, domain }: ReplyAddressInput): string {
  const canonicalRef = normaliseRef(ref);
  if (!REF_PATTERN.test(canonicalRef.toLowerCase())) {
    throw new Error(`Cannot make a reply address for malformed report ref "${ref}"`);
  }
  if (secret.length === 0) throw new Error('Reply address secret must not be empty');
  const signature = sign(canonicalRef, recipient, secret);
  return `${PREFIX}${canonicalRef.toLowerCase()}-${signature}@${normaliseDomain(domain)}`;
}

/**
 * Splits an address into local part and domain. Accepts `<addr>` and `Name <addr>` forms because
 * callers pass header values as well as envelope addresses.
 */
export function splitAddress(address: string): { localPart: string; domain: string } | undefined {
  let bare = address.trim();
  const angle = /<([^<>]*)>\s*$/.exec(bare);
  if (angle) bare = angle[1] ?? '';
  const at = bare.lastIndexOf('@');
  if (at <= 0 || at === bare.length - 1) return undefined;
  return { localPart: bare.slice(0, at).toLowerCase(), domain: normaliseDomain(bare.slice(at + 1)) };
}

/** The local part of an address, lower-cased, or undefined when it is not an address. */
export function localPartOf(address: string): string | undefined {
  return splitAddress(address)?.localPart;
}

/** Structure only: finds the ref without checking the signature (that needs the recipient). */
export function parseReplyAddress(address: string, options: { domain: string }): ParsedReplyAddress {
  const parts = splitAddress(address);
  if (!parts) return { ok: false, reason: 'malformed' };
  if (parts.domain !== normaliseDomain(options.domain)) return { ok: false, reason: 'wrong-domain' };
  const { localPart } = parts;
  if (!localPart.startsWith(PREFIX)) return { ok: false, reason: 'malformed' };
  const lastHyphen = localPart.lastIndexOf('-');
  const ref = localPart.slice(PREFIX.length, lastHyphen);
  const signature = localPart.slice(lastHyphen + 1);
  if (!REF_PATTERN.test(ref) || !SIGNATURE_PATTERN.test(signature)) return { ok: false, reason: 'malformed' };
  return { ok: true, ref: normaliseRef(ref), signature };
}

/**
 * Checks the signature against each candidate recipient and returns the one it was made for.
 * Every candidate and every secret is tried, so the time taken does not tell which one matched.
 */
export function verifyReplyAddress(address: string, options: VerifyOptions): VerifiedReplyAddress {
  const parsed = parseReplyAddress(address, options);
  if (!parsed.ok) return parsed;
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const given = Buffer.from(parsed.signature, 'ascii');
  let matched: string | undefined;
  for (const recipient of options.recipients) {
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      const expected = Buffer.from(sign(parsed.ref, recipient, secret), 'ascii');
      if (timingSafeEqual(given, expected) && matched === undefined) matched = normaliseEmail(recipient);
    }
  }
  if (matched === undefined) return { ok: false, reason: 'bad-signature', ref: parsed.ref };
  return { ok: true, ref: parsed.ref, recipient: matched };
}

/**
 * Picks the first address that looks like one of ours (right domain, `r-` prefix) from the
 * To, Cc, Delivered-To and X-Original-To addresses of an inbound message.
 */
export function findReplyAddress(addresses: readonly string[], domain: string): string | undefined {
  return addresses.find((address) => looksOurs(address, normaliseDomain(domain)));
}

/** Every address that looks like one of ours (right domain, `r-` prefix), lower-cased, each once. */
export function replyAddresses(addresses: readonly string[], domain: string): string[] {
  const wanted = normaliseDomain(domain);
  const found = addresses.filter((address) => looksOurs(address, wanted));
  return [...new Set(found.map((address) => address.trim().toLowerCase()))];
}

function looksOurs(address: string, domain: string): boolean {
  const parts = splitAddress(address);
  return parts !== undefined && parts.domain === domain && parts.localPart.startsWith(PREFIX);
}

function sign(ref: string, recipient: string, secret: string): string {
  const mac = createHmac('sha256', secret)
    .update(`${SIGNING_CONTEXT}\n${normaliseRef(ref)}\n${normaliseEmail(recipient)}`, 'utf8')
    .digest();
  return base32(mac).slice(0, SIGNATURE_LENGTH);
}

/** RFC 4648 base32 in lower case, unpadded: case-free, so a relay that changes case cannot break it. */
export function base32(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * An address at the inbound domain or under it (a reply or bounce address, or any other there):
 * mail sent to it comes back to Tilts's own door.
 */
export function isInboundAddress(address: string, domain: string): boolean {
  const parts = splitAddress(address);
  if (parts === undefined) return false;
  const inbound = normaliseDomain(domain);
  return parts.domain === inbound || parts.domain.endsWith(`.${inbound}`);
}

export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}
