import { z } from 'zod';
import { isSingleAddress } from '../../mail/address.js';
import { isOwnAddress, OWN_ADDRESS_ERROR } from '../../web/own-address.js';
import { cleanAddress, cleanLine, cleanText } from '../../web/clean-text.js';
import { DAYS, HELP_KINDS, SPOKEN, type Day, type HelpKind, type Spoken } from '../types.js';
import { isPhoneNumber } from '../../web/phone-number.js';
import { holdsContactOrLink } from '../../mail/inbound/mask.js';

/*
 * The forms of a request for help: the public one (/help/request) and the staff one that makes a
 * private report a request. Both share the help details; messages are catalog keys under
 * `helpRequest.errors`. Lengths match the columns of `reports` and `help_requests`, so nothing
 * valid here can fail in the database.
 */

export const LIMITS = {
  description: 5000,
  location: 300,
  name: 120,
  email: 254,
  phone: 40,
  times: 200,
} as const;

export const WANTS = ['volunteer', 'call_back', 'visit'] as const;
export type Wants = (typeof WANTS)[number];
export const KNOWS = ['yes', 'no', 'unsure'] as const;
export type Knows = (typeof KNOWS)[number];

/** The help details' fields, in the order the forms show them. */
export const DETAIL_FIELDS = [
  'for_whom',
  'subject_name',
  'subject_knows',
  'subject_phone',
  'subject_email',
  'kinds',
  'wants',
  'days',
  'times',
  'speaks',
] as const;

/** The public form's fields, in the order it shows them (the error summary follows this order). */
export const REQUEST_FIELDS = [
  'for_whom',
  'subject_name',
  'subject_knows',
  'subject_phone',
  'subject_email',
  'category',
  'kinds',
  'description',
  'wants',
  'parish',
  'location',
  'days',
  'times',
  'speaks',
  'name',
  'phone',
  'email',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

const LISTS = new Set<RequestField>(['kinds', 'days', 'speaks']);
const MULTI_LINE = new Set<RequestField>(['description']);
const AS_TYPED = new Set<RequestField>(['email', 'subject_email']);

/** What was typed and ticked, cleaned up: also what the form shows again after an error. */
export type RequestValues = Record<Exclude<RequestField, 'kinds' | 'days' | 'speaks'>, string> &
  Record<'kinds' | 'days' | 'speaks', string[]>;

const first = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? first(value[0]) : '';
const all = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : [];

/**
 * The body as values: lines trimmed and collapsed, the description's newlines kept. The email
 * addresses lose only control characters, so a line break inside one is refused rather than
 * quietly repaired.
 */
export function requestValues(body: Record<string, unknown>): RequestValues {
  const values = {} as Record<string, string | string[]>;
  for (const field of REQUEST_FIELDS) {
    if (LISTS.has(field)) values[field] = [...new Set(all(body[field]).map(cleanLine))].slice(0, 20);
    else if (AS_TYPED.has(field)) values[field] = cleanAddress(first(body[field]));
    else if (MULTI_LINE.has(field)) values[field] = cleanText(first(body[field])).trim();
    else values[field] = cleanLine(first(body[field]));
  }
  return values as RequestValues;
}

/** The page's language as a language spoken, if it is one the form offers. */
export const spokenIn = (language: string): Spoken[] =>
  (SPOKEN as readonly string[]).includes(language) ? [language as Spoken] : [];

/**
 * An empty form: asking for oneself, wanting a volunteer, no language ticked. The page's language
 * is not ticked for the person: without JavaScript the form cannot untick it when "someone else"
 * is chosen, and a neighbour's or a client's language would be said to be the asker's page's.
 * One asking for themselves who ticks none is taken to speak the page's (`requestSchema`).
 */
export function emptyRequestValues(defaults: Partial<RequestValues> = {}): RequestValues {
  const values = Object.fromEntries(
    REQUEST_FIELDS.map((field) => [field, LISTS.has(field) ? [] : '']),
  ) as unknown as RequestValues;
  return { ...values, for_whom: 'self', wants: 'volunteer', ...defaults };
}

const key = (name: string) => `helpRequest.errors.${name}`;

/** Codes ticked, each one of `allowed`; `unknown` names the field (a tampered form's lines differ). */
const codes = <T extends string>(allowed: readonly T[], unknown: string) =>
  z
    .array(z.string())
    .refine((list) => list.every((code) => (allowed as readonly string[]).includes(code)), key(unknown))
    .transform((list) => allowed.filter((code) => list.includes(code)));

/**
 * The asker's own contact and that of the person they ask for are both on the form, and the error
 * summary lists them together: each field's messages say whose it is (`subject…` for the person's).
 */
const phone = (messages: { tooLong: string; invalid: string }) =>
  z
    .string()
    .max(LIMITS.phone, key(messages.tooLong))
    .refine((value) => value === '' || isPhoneNumber(value), key(messages.invalid))
    .transform((value) => value || null);

/** An address, or none; never one of Tilts's own (at `inboundDomain`). */
const email = (inboundDomain: string, invalid: string) =>
  z
    .string()
    .refine((value) => value === '' || (value.length <= LIMITS.email && isSingleAddress(value)), key(invalid))
    .refine((value) => !isOwnAddress(value, inboundDomain), OWN_ADDRESS_ERROR)
    .transform((value) => value || null);

const oneOf = <T extends string>(allowed: readonly T[], required: string, unknown: string) =>
  z
    .string()
    .min(1, key(required))
    .refine((value) => (allowed as readonly string[]).includes(value), key(unknown))
    .transform((value) => value as T);

/** The help details alone: the part a request shares with a report made a request by staff. */
const detailShape = (inboundDomain: string) => ({
  for_whom: oneOf(['self', 'other'] as const, 'forWhomRequired', 'forWhomUnknown'),
  subject_name: z.string().max(LIMITS.name, key('subjectNameTooLong')),
  subject_knows: z.string(),
  subject_phone: phone({ tooLong: 'subjectPhoneTooLong', invalid: 'subjectPhoneInvalid' }),
  subject_email: email(inboundDomain, 'subjectEmailInvalid'),
  kinds: codes<HelpKind>(HELP_KINDS, 'kindsUnknown'),
  wants: oneOf(WANTS, 'wantsRequired', 'wantsUnknown'),
  days: codes<Day>(DAYS, 'daysUnknown'),
  times: z.string().max(LIMITS.times, key('timesTooLong')),
  speaks: codes<Spoken>(SPOKEN, 'speaksUnknown'),
});

interface DetailParts {
  for_whom: 'self' | 'other';
  subject_name: string;
  subject_knows: string;
  subject_phone: string | null;
  subject_email: string | null;
}

/** For someone else: who they are, and whether they know; asking for oneself keeps none of it. */
function checkSubject(value: DetailParts, ctx: z.RefinementCtx): void {
  if (value.for_whom !== 'other') return;
  if (value.subject_name === '')
    ctx.addIssue({ code: 'custom', path: ['subject_name'], message: key('subjectNameRequired') });
  if (value.subject_knows === '')
    ctx.addIssue({ code: 'custom', path: ['subject_knows'], message: key('subjectKnowsRequired') });
  else if (!(KNOWS as readonly string[]).includes(value.subject_knows))
    ctx.addIssue({ code: 'custom', path: ['subject_knows'], message: key('subjectKnowsUnknown') });
}

/** The help details as stored: nothing about a subject when one asks for oneself. */
export interface HelpDetailsInput {
  forWhom: 'self' | 'other';
  subjectKnows: Knows | null;
  subjectName: string | null;
  subjectPhone: string | null;
  subjectEmail: string | null;
  kinds: HelpKind[];
  wants: Wants;
  days: Day[];
  times: string;
  speaks: Spoken[];
}

const detailsOf = (data: z.output<z.ZodObject<ReturnType<typeof detailShape>>>): HelpDetailsInput => {
  const other = data.for_whom === 'other';
  return {
    forWhom: data.for_whom,
    subjectKnows: other ? (data.subject_knows as Knows) : null,
    subjectName: other ? data.subject_name : null,
    subjectPhone: other ? data.subject_phone : null,
    subjectEmail: other ? data.subject_email : null,
    kinds: data.kinds,
    wants: data.wants,
    days: data.days,
    times: data.times,
    speaks: data.speaks,
  };
};

/** For oneself with no language ticked: the one asking speaks the language they asked in. */
const withOwnLanguage = (details: HelpDetailsInput, language: string): HelpDetailsInput =>
  details.forWhom === 'self' && details.speaks.length === 0
    ? { ...details, speaks: spokenIn(language) }
    : details;

/**
 * The staff form: the help details of a report that becomes a request. For the one who reported
 * it with no language ticked, theirs is the language they reported in (`reporterLanguage`); the
 * form ticks none at first, as the public one, so a client's languages are never said to be it.
 */
export const detailsSchema = (inboundDomain: string, reporterLanguage: string) =>
  z
    .object(detailShape(inboundDomain))
    .superRefine(checkSubject)
    .transform((data) => withOwnLanguage(detailsOf(data), reporterLanguage));

/** The public form, checked against the reference data as it is now (categories may be retired). */
export function requestSchema(reference: {
  helpCategories: readonly string[];
  parishes: readonly string[];
  /** Tilts's own mail domain: no address given here is there. */
  inboundDomain: string;
  /** The page's language: the asker's own when they ask for themselves and tick none. */
  language: string;
}) {
  return z
    .object({
      ...detailShape(reference.inboundDomain),
      category: oneOf(reference.helpCategories, 'categoryRequired', 'categoryUnknown'),
      description: z
        .string()
        .min(1, key('descriptionRequired'))
        .max(LIMITS.description, key('descriptionTooLong')),
      parish: oneOf(reference.parishes, 'parishRequired', 'parishUnknown'),
      location: z.string().max(LIMITS.location, key('locationTooLong')),
      name: z.string().min(1, key('nameRequired')).max(LIMITS.name, key('nameTooLong')),
      phone: phone({ tooLong: 'phoneTooLong', invalid: 'phoneInvalid' }),
      email: email(reference.inboundDomain, 'emailInvalid'),
    })
    .superRefine((value, ctx) => {
      checkSubject(value, ctx);
      // Names only: the notice for the person (GDPR art. 14) goes at once, unconfirmed, to whatever
      // address was typed for them, opened by the asker's name and headed with theirs, and the
      // volunteer's contacts email names the asker. A link or a contact there would go under the
      // municipality's name to a stranger (a phishing line); each has a field of its own.
      if (holdsContactOrLink(value.name))
        ctx.addIssue({ code: 'custom', path: ['name'], message: key('nameHoldsContact') });
      if (value.for_whom === 'other' && holdsContactOrLink(value.subject_name))
        ctx.addIssue({ code: 'custom', path: ['subject_name'], message: key('subjectNameHoldsContact') });
      const subjectReachable =
        value.for_whom === 'other' && (value.subject_phone !== null || value.subject_email !== null);
      if (value.phone === null && value.email === null && !subjectReachable)
        ctx.addIssue({ code: 'custom', path: ['phone'], message: key('contactRequired') });
    })
    .transform((data) => ({
      details: withOwnLanguage(detailsOf(data), reference.language),
      categoryCode: data.category,
      parishCode: data.parish,
      description: data.description,
      location: data.location,
      name: data.name,
      phone: data.phone,
      email: data.email,
    }));
}

export type RequestFormData = z.output<ReturnType<typeof requestSchema>>;
