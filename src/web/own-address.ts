import { isSingleAddress } from '../mail/address.js';
import { isInboundAddress } from '../mail/inbound/reply-address.js';

/*
 * A resident's email address must be their own: one at Tilts's inbound domain (where replies and
 * bounces come in) would send Tilts's mail back to its own door, a loop. Every form that takes a
 * resident's address refuses it with the same message.
 */

/** The message, in the common catalog, that every such form shows beside its email field. */
export const OWN_ADDRESS_ERROR = 'errors.ownAddress';

/**
 * Whether a resident's address is one of Tilts's own (at `inboundDomain` or under it). Only a
 * well-formed address is: a malformed one gets the form's own message instead.
 */
export function isOwnAddress(email: string, inboundDomain: string): boolean {
  return isSingleAddress(email) && isInboundAddress(email, inboundDomain);
}
