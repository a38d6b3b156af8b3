import { z } from 'zod';
import { isSingleAddress } from '../../mail/address.js';
import { isOwnAddress, OWN_ADDRESS_ERROR } from '../../web/own-address.js';
import { holdsContactOrLink } from '../../mail/inbound/mask.js';
import { cleanAddress, cleanLine, cleanText } from '../../web/clean-text.js';
import { DAYS, HELP_KINDS, SPOKEN } from '../types.js';
import type { OfferDetails } from './repository.js';
import { isPhoneNumber } from '../../web/phone-number.js';

/** Lengths match the columns of `help_offers`, so nothing valid here can fail in the database. */
export const LIMITS = { name: 120, email: 254, phone: 40, times: 200, about: 1000 } as const;
export const MAX_CAPACITY = 10;

/** The fields in the order the form shows them (the error summary follows this order). */
export const OFFER_FIELDS = [
  'offeredBy',
  'name',
  'kinds',
  'parishes',
  'days',
  'times',
  'speaks',
  'capacity',
  'about',
  'email',
  'phone',
  'share',
] as const;
export type OfferField = (typeof OFFER_FIELDS)[number];

/** What the volunteer typed and ticked, cleaned up: also what the form shows again after an error. */
export interface OfferFormValues {
  offeredBy: string;
  name: string;
  listed: boolean;
  kinds: string[];
  parishes: string[];
  days: string[];
  times: string;
  askMe: boolean;
  speaks: string[];
  capacity: string;
  about: string;
  email: string;
  phone: string;
  shareEmail: boolean;
  sharePhone: boolean;
}

const first = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? first(value[0]) : '';
const all = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : [];
const ticked = (value: unknown) => first(value) !== '' && first(value) !== '0';
const codes = (value: unknown) => [...new Set(all(value).map(cleanLine))].slice(0, 50);

/** The form's body as values; the email loses only control characters, so a line break in it is refused. */
export function offerFormValues(body: Record<string, unknown>): OfferFormValues {
  return {
    offeredBy: cleanLine(first(body.offered_by)),
    name: cleanLine(first(body.name)),
    listed: ticked(body.listed),
    kinds: codes(body.kinds),
    parishes: codes(body.parishes),
    days: codes(body.days),
    times: cleanLine(first(body.times)),
    askMe: ticked(body.ask_me),
    speaks: codes(body.speaks),
    capacity: cleanLine(first(body.capacity)),
    about: cleanText(first(body.about)).trim(),
    email: cleanAddress(first(body.email)),
    phone: cleanLine(first(body.phone)),
    shareEmail: ticked(body.share_email),
    sharePhone: ticked(body.share_phone),
  };
}

/** An empty form; languages start with the page's own, the most likely answer. */
export function emptyOfferValues(language: string): OfferFormValues {
  return {
    offeredBy: 'individual',
    name: '',
    listed: false,
    kinds: [],
    parishes: [],
    days: [],
    times: '',
    askMe: false,
    speaks: (SPOKEN as readonly string[]).includes(language) ? [language] : [],
    capacity: '1',
    about: '',
    email: '',
    phone: '',
    shareEmail: true,
    sharePhone: false,
  };
}

/** A stored offer as the form's values (the volunteer's own page edits it). */
export function valuesOf(offer: OfferDetails): OfferFormValues {
  return {
    offeredBy: offer.offeredBy,
    name: offer.name,
    listed: offer.listed,
    kinds: [...offer.kinds],
    parishes: [...offer.parishes],
    days: [...offer.days],
    times: offer.times,
    askMe: offer.askMe,
    speaks: [...offer.speaks],
    capacity: String(offer.capacity),
    about: offer.about,
    email: offer.email,
    phone: offer.phone ?? '',
    shareEmail: offer.shareEmail,
    sharePhone: offer.sharePhone,
  };
}

const key = (name: string) => `helpOffer.errors.${name}`;

/**
 * A list of ticked codes: at least one, and each one of `allowed`; `unknown` names the field, so
 * two tampered fields give two different lines in the error summary.
 */
const choices = (allowed: readonly string[], required: string, unknown: string) =>
  z
    .array(z.string())
    .min(1, key(required))
    .refine((values) => values.every((value) => allowed.includes(value)), key(unknown));

/** The one schema of the offer form, built on the parishes that exist now (and Tilts's mail domain). */
export function offerFormSchema(parishCodes: readonly string[], inboundDomain: string) {
  return z.object({
    offeredBy: z.enum(['individual', 'organisation'], { error: key('offeredByRequired') }),
    name: z.string().min(1, key('nameRequired')).max(LIMITS.name, key('nameTooLong')),
    listed: z.boolean(),
    kinds: choices(HELP_KINDS, 'kindsRequired', 'kindsUnknown'),
    parishes: choices(parishCodes, 'parishesRequired', 'parishesUnknown'),
    days: z
      .array(z.string())
      .refine((values) => values.every((v) => (DAYS as readonly string[]).includes(v)), {
        message: key('daysUnknown'),
      }),
    times: z.string().max(LIMITS.times, key('timesTooLong')),
    askMe: z.boolean(),
    speaks: choices(SPOKEN, 'speaksRequired', 'speaksUnknown'),
    capacity: z
      .string()
      .regex(/^\d{1,2}$/, key('capacityInvalid'))
      .transform(Number)
      .pipe(z.number().int().min(1, key('capacityInvalid')).max(MAX_CAPACITY, key('capacityInvalid'))),
    about: z.string().max(LIMITS.about, key('aboutTooLong')),
    // One plain address, by the rule the outbox applies: `a@x.lv, b@x.lv` is refused, not split.
    email: z
      .string()
      .min(1, key('emailRequired'))
      .max(LIMITS.email, key('emailInvalid'))
      .refine(isSingleAddress, key('emailInvalid'))
      .refine((email) => !isOwnAddress(email, inboundDomain), OWN_ADDRESS_ERROR),
    phone: z
      .string()
      .max(LIMITS.phone, key('phoneTooLong'))
      // As every form: a number the person can call, as people write it (src/web/phone-number.ts).
      .refine((value) => value === '' || isPhoneNumber(value), key('phoneInvalid'))
      .transform((value) => value || null),
    shareEmail: z.boolean(),
    sharePhone: z.boolean(),
  });
}

/**
 * The rules between fields, checked on the values as typed: they hold whatever else is wrong, so
 * one submission shows every problem at once.
 */
export function crossFieldIssues(values: OfferFormValues): { path: [OfferField]; message: string }[] {
  const issues: { path: [OfferField]; message: string }[] = [];
  // An organisation's name is shown to others (on /help when listed, to the person before both
  // agree): a contact or a link in it would be published, so it is refused as typed. A person's
  // name greets the confirmation emailed to whatever address was typed, before anyone proved it
  // theirs ("Hello Swedbank: log in at https://…"), and goes to the person once both agree.
  if (holdsContactOrLink(values.name))
    issues.push({
      path: ['name'],
      message: key(values.offeredBy === 'organisation' ? 'nameHoldsContact' : 'personNameHoldsContact'),
    });
  if (values.days.length === 0 && values.times === '' && !values.askMe)
    issues.push({ path: ['days'], message: key('whenRequired') });
  if (!values.shareEmail && !values.sharePhone)
    issues.push({ path: ['share'], message: key('shareRequired') });
  else if (values.sharePhone && values.phone === '')
    issues.push({ path: ['phone'], message: key('phoneRequired') });
  return issues;
}

export type OfferFormData = z.output<ReturnType<typeof offerFormSchema>>;

/** The checked form as the repository stores it. */
export const offerDetails = (data: OfferFormData): OfferDetails => ({
  ...data,
  kinds: data.kinds as OfferDetails['kinds'],
  days: data.days as OfferDetails['days'],
  speaks: data.speaks as OfferDetails['speaks'],
  listed: data.offeredBy === 'organisation' && data.listed,
});
