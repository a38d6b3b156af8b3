import { createHmac, timingSafeEqual } from 'node:crypto';
import { base32, normaliseDomain, splitAddress } from './reply-address.js';

/*
 * VERP bounce addresses: every email Tilts sends leaves with the envelope sender
 * `b-<outbox id>-<signature>@<inbound domain>`, so a delivery report comes back to an address that
 * names the email it is about. Only a report to such an address, with a valid signature, for the
 * recipient that email went to, may mark an address as bouncing: anyone can write a delivery
 * report, nobody else can write this address.
 */

const PREFIX = 'b-';
const SIGNING_CONTEXT = 'tilts-bounce-address-v1';
const SIGNATURE_LENGTH = 16;
const LOCAL_PART = new RegExp(`^${PREFIX}([0-9a-z]{1,12})-([a-z2-7]{${SIGNATURE_LENGTH}})$`);

function sign(id: number, secret: string): string {
  const mac = createHmac('sha256', secret).update(`${SIGNING_CONTEXT}\n${id}`, 'utf8').digest();
  return base32(mac).slice(0, SIGNATURE_LENGTH);
}

export function makeBounceAddress(outboxId: number, options: { secret: string; domain: string }): string {
  if (!Number.isSafeInteger(outboxId) || outboxId < 1) throw new Error('bounce address needs an outbox id');
  return `${PREFIX}${outboxId.toString(36)}-${sign(outboxId, options.secret)}@${normaliseDomain(options.domain)}`;
}

/** The outbox id a bounce address was made for, or undefined when it is not one of ours. */
export function readBounceAddress(
  address: string,
  options: { secret: string; domain: string },
): number | undefined {
  const parts = splitAddress(address);
  if (!parts || parts.domain !== normaliseDomain(options.domain)) return undefined;
  const match = LOCAL_PART.exec(parts.localPart);
  if (!match) return undefined;
  const id = parseInt(match[1]!, 36);
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const expected = Buffer.from(sign(id, options.secret), 'ascii');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'ascii')) ? id : undefined;
}

/** The first of `addresses` that is a valid bounce address of ours. */
export function findBounceAddress(
  addresses: readonly string[],
  options: { secret: string; domain: string },
): { address: string; outboxId: number } | undefined {
  for (const address of addresses) {
    const outboxId = readBounceAddress(address, options);
    if (outboxId !== undefined) return { address, outboxId };
  }
  return undefined;
}
