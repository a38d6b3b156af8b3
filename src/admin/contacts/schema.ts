import { z } from 'zod';
import { CONTACT_ROLES, type ContactRecord } from '../../contacts/repository.js';
import { LANGUAGES } from '../../i18n/index.js';
import { isSingleAddress } from '../../mail/address.js';
import { firstString } from '../../report-form/schema.js';
import { cleanAddress } from '../../web/clean-text.js';
import { line, oneOf, requiredText } from '../forms.js';

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const CODE_PATTERN = /^[a-z0-9-]{1,80}$/;

export interface ContactValues {
  code: string;
  name: string;
  email: string;
  role: string;
  parish: string;
  language: string;
}

/**
 * The email loses only control characters (a NUL) and the spaces around it: a line break inside it
 * is refused, never quietly repaired.
 */
export const readContact = (body: Record<string, unknown>): ContactValues => ({
  code: line(body.code).toLowerCase(),
  name: line(body.name),
  email: cleanAddress(firstString(body.email)),
  role: line(body.role),
  parish: line(body.parish),
  language: line(body.language),
});

export const blankContact = (): ContactValues => ({
  code: '',
  name: '',
  email: '',
  role: 'parish_admin',
  parish: '',
  language: 'lv',
});

export const contactValues = (contact: ContactRecord): ContactValues => ({
  code: contact.code,
  name: contact.name,
  email: contact.email,
  role: contact.role,
  parish: contact.parishCode ?? '',
  language: contact.language,
});

/** A contact's address: exactly one plain address. */
const contactEmail = () =>
  z
    .string()
    // Said once: an empty or overlong address is not also "not one address".
    .min(1, { error: 'admin.errors.required', abort: true })
    .max(EMAIL_MAX, { error: 'admin.errors.email', abort: true })
    .refine(isSingleAddress, 'admin.errors.email');

/** A parish's contacts name their parish; the municipality's are for the whole novads. */
const fields = (parishCodes: ReadonlySet<string>) => ({
  name: requiredText(NAME_MAX),
  email: contactEmail(),
  role: oneOf(CONTACT_ROLES),
  parish: z.string().refine((code) => code === '' || parishCodes.has(code), 'admin.errors.choose'),
  language: oneOf(LANGUAGES),
});

type Fields = z.infer<z.ZodObject<ReturnType<typeof fields>>>;

const parishFitsRole = (data: Fields) => (data.role === 'municipality') === (data.parish === '');

const toFields = (data: Fields) => ({
  name: data.name,
  email: data.email,
  role: data.role,
  parishCode: data.parish === '' ? null : data.parish,
  language: data.language,
});

const parishRule = {
  path: ['parish'],
  message: 'admin.contacts.errors.parishForRole',
};

export const contactSchema = (parishCodes: ReadonlySet<string>) =>
  z.object(fields(parishCodes)).refine(parishFitsRole, parishRule).transform(toFields);

export const newContactSchema = (parishCodes: ReadonlySet<string>) =>
  z
    .object({ code: z.string().regex(CODE_PATTERN, 'admin.contacts.errors.code'), ...fields(parishCodes) })
    .refine(parishFitsRole, parishRule)
    .transform((data) => ({ code: data.code, ...toFields(data) }));

export type ContactInput = z.output<ReturnType<typeof contactSchema>>;
export type NewContactInput = z.output<ReturnType<typeof newContactSchema>>;

/** The addresses page's field of one contact. */
export const addressField = (id: number) => `email-${id}`;
const ADDRESS_FIELD = /^email-[1-9]\d{0,8}$/;

/** The addresses as typed, by field; cleaned only as on a contact's own form. */
export const readAddresses = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(body)
      .filter(([field]) => ADDRESS_FIELD.test(field))
      .map(([field, value]) => [field, cleanAddress(firstString(value))]),
  );

/** Every contact's address on the addresses page, one field each, in the page's order. */
export const addressesSchema = (ids: readonly number[]) =>
  z
    .object(Object.fromEntries(ids.map((id) => [addressField(id), contactEmail()])))
    .transform((data) => ids.map((id) => ({ id, email: data[addressField(id)]! })));
