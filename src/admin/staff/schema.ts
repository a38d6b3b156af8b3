import { z } from 'zod';
import { LANGUAGES } from '../../i18n/index.js';
import { isSingleAddress } from '../../mail/address.js';
import { allStrings, firstString } from '../../report-form/schema.js';
import { STAFF_ROLES, type StaffMember } from '../../staff/types.js';
import { cleanAddress } from '../../web/clean-text.js';
import { line, oneOf, requiredText, ticked } from '../forms.js';

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;

export interface StaffValues {
  email: string;
  name: string;
  role: string;
  language: string;
  active: boolean;
  /** The codes of the member's routing contacts. */
  contacts: string[];
}

export const readStaff = (body: Record<string, unknown>): StaffValues => ({
  email: cleanAddress(firstString(body.email)),
  name: line(body.name),
  role: line(body.role),
  language: line(body.language),
  active: ticked(body.active),
  contacts: [...new Set(allStrings(body.contacts).map(line))],
});

export const blankStaff = (): StaffValues => ({
  email: '',
  name: '',
  role: 'parish_clerk',
  language: 'lv',
  active: true,
  contacts: [],
});

export const staffValues = (member: StaffMember, contactCodes: string[]): StaffValues => ({
  email: member.email,
  name: member.name,
  role: member.role,
  language: member.language,
  active: member.active,
  contacts: contactCodes,
});

const fields = (contactCodes: ReadonlySet<string>) => ({
  name: requiredText(NAME_MAX),
  role: oneOf(STAFF_ROLES),
  language: oneOf(LANGUAGES),
  contacts: z
    .array(z.string())
    .refine((codes) => codes.every((code) => contactCodes.has(code)), 'admin.errors.choose'),
});

export const newStaffSchema = (contactCodes: ReadonlySet<string>) =>
  z.object({
    email: z
      .string()
      // Said once: an empty or overlong address is not also "not one address".
      .min(1, { error: 'admin.errors.required', abort: true })
      .max(EMAIL_MAX, { error: 'admin.errors.email', abort: true })
      .refine(isSingleAddress, 'admin.errors.email'),
    ...fields(contactCodes),
  });

export const staffSchema = (contactCodes: ReadonlySet<string>) =>
  z.object({ ...fields(contactCodes), active: z.boolean() });

export type NewStaffInput = z.output<ReturnType<typeof newStaffSchema>>;
export type StaffInput = z.output<ReturnType<typeof staffSchema>>;
