import { isSingleAddress } from '../mail/address.js';
import { firstString, LIMITS } from '../report-form/schema.js';
import { cleanAddress, cleanLine } from '../web/clean-text.js';
import { isOwnAddress, OWN_ADDRESS_ERROR } from '../web/own-address.js';

/** The "follow this report" form as typed (trimmed), refilled whenever it is shown again. */
export interface FollowValues {
  name: string;
  email: string;
}

export type FollowField = 'name' | 'email' | 'form';
export type FollowErrors = Partial<Record<FollowField, { key: string; vars?: Record<string, unknown> }[]>>;

const error = (name: string, vars?: Record<string, unknown>) => [
  { key: `subscriptions.follow.errors.${name}`, ...(vars ? { vars } : {}) },
];

/**
 * The posted form's values and what is wrong with them (nothing, when it can be sent); no
 * follower's address is at Tilts's own mail domain (`inboundDomain`).
 */
export function readFollowForm(
  body: Record<string, unknown>,
  inboundDomain: string,
): {
  values: FollowValues;
  errors: FollowErrors;
} {
  const values = { name: cleanLine(firstString(body.name)), email: cleanAddress(firstString(body.email)) };
  const errors: FollowErrors = {};
  if (!values.name) errors.name = error('nameMissing');
  else if (values.name.length > LIMITS.name) errors.name = error('nameTooLong', { max: LIMITS.name });
  if (!values.email) errors.email = error('emailMissing');
  else if (values.email.length > LIMITS.email || !isSingleAddress(values.email))
    errors.email = error('emailInvalid');
  else if (isOwnAddress(values.email, inboundDomain)) errors.email = [{ key: OWN_ADDRESS_ERROR }];
  return { values, errors };
}
