import { z } from 'zod';
import { isSingleAddress } from '../mail/address.js';
import { cleanAddress, cleanLine, cleanText } from '../web/clean-text.js';
import type { Language } from '../i18n/index.js';
import type { Category, Parish } from '../reference/types.js';
import type { NewReportInput } from '../reports/service.js';
import { isOwnAddress, OWN_ADDRESS_ERROR } from '../web/own-address.js';
import { isPhoneNumber } from '../web/phone-number.js';
import { holdsContactOrLink } from '../mail/inbound/mask.js';
import { nearestParish } from '../reference/nearest-parish.js';

/** Lengths match the columns of `reports`, so nothing valid here can fail in the database. */
export const LIMITS = {
  title: 120,
  description: 5000,
  location: 300,
  name: 120,
  email: 254,
  phone: 40,
} as const;

/** Latvia's bounding box: a pin outside it is a typo (swapped lat/lon) or not ours to fix. */
export const LATVIA = { lat: { min: 55.6, max: 58.1 }, lon: { min: 20.9, max: 28.3 } } as const;

/** The text fields, in the order the form shows them (the error summary follows this order). */
export const TEXT_FIELDS = [
  'category',
  'title',
  'description',
  'parish',
  'location',
  'lat',
  'lon',
  'name',
  'email',
  'phone',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** What the resident typed, cleaned up: this is also what the form shows again after an error. */
export type ReportFormValues = Record<TextField, string> & { showName: boolean };

const SINGLE_LINE: ReadonlySet<TextField> = new Set(['title', 'location', 'name']);

/** The first string of a form value: a repeated field arrives as an array, a crafted one as an object. */
export function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return firstString(value[0]);
  return '';
}

/** Every string of a repeatable form value (hidden ids, ticked checkboxes). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Trims every field and normalises newlines; single-line fields get their whitespace collapsed. The
 * email loses only control characters, so a newline inside it stays and is refused rather than
 * quietly repaired.
 */
export function formValues(body: Record<string, unknown>): ReportFormValues {
  const values = {} as Record<TextField, string>;
  for (const field of TEXT_FIELDS) {
    const value = firstString(body[field]);
    if (field === 'email') values[field] = cleanAddress(value);
    else values[field] = SINGLE_LINE.has(field) ? cleanLine(value) : cleanText(value).trim();
  }
  const showName = firstString(body.show_name);
  return { ...values, showName: showName !== '' && showName !== '0' };
}

const key = (name: string) => `reportForm.errors.${name}`;

const text = (field: 'title' | 'description' | 'location' | 'name') =>
  z
    .string()
    .min(1, key(`${field}Required`))
    .max(LIMITS[field], key(`${field}TooLong`));

/** A coordinate as typed ("56.5" or the Latvian "56,5"); empty means no pin. */
const coordinate = (axis: 'lat' | 'lon') =>
  z.string().transform((value, ctx): number | null => {
    if (value === '') return null;
    const number = /^-?\d{1,3}([.,]\d{1,12})?$/.test(value) ? Number(value.replace(',', '.')) : NaN;
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: 'custom', message: key('coordinateInvalid') });
      return null;
    }
    const { min, max } = LATVIA[axis];
    if (number < min || number > max) {
      ctx.addIssue({ code: 'custom', message: key(axis === 'lat' ? 'latOutside' : 'lonOutside') });
      return null;
    }
    return number;
  });

/**
 * The one schema of the report form. It is built from the reference data so that a category or
 * parish code is checked against what exists now (an admin may retire a category any day).
 */
export function reportFormSchema(reference: {
  categories: readonly Category[];
  parishes: readonly Parish[];
  /** Tilts's own mail domain: no resident's address is there. */
  inboundDomain: string;
}) {
  const categories = new Set(reference.categories.filter((item) => item.active).map((item) => item.code));
  const parishes = new Set(reference.parishes.map((item) => item.code));
  return z
    .object({
      category: z
        .string()
        .min(1, key('categoryRequired'))
        .refine((code) => categories.has(code), key('categoryUnknown')),
      parish: z
        .string()
        .min(1, key('parishRequired'))
        .refine((code) => parishes.has(code), key('parishUnknown')),
      title: text('title'),
      description: text('description'),
      location: text('location'),
      lat: coordinate('lat'),
      lon: coordinate('lon'),
      name: text('name'),
      // One plain address, by the rule the outbox applies to every recipient: nothing typed here can
      // add a recipient or a header to an email, and nothing accepted here is refused later.
      email: z
        .string()
        .min(1, key('emailRequired'))
        .max(LIMITS.email, key('emailInvalid'))
        .refine(isSingleAddress, key('emailInvalid'))
        .refine((email) => !isOwnAddress(email, reference.inboundDomain), OWN_ADDRESS_ERROR),
      phone: z
        .string()
        .max(LIMITS.phone, key('phoneTooLong'))
        .refine((value) => value === '' || isPhoneNumber(value), key('phoneInvalid'))
        .transform((value) => value || null),
      showName: z.boolean(),
    })
    .superRefine((value, ctx) => {
      // A name shown is printed as typed on the report's public page and its timeline: a phone
      // number, an address or a link typed into it would be published there, so it is refused.
      if (value.showName && holdsContactOrLink(value.name))
        ctx.addIssue({ code: 'custom', path: ['name'], message: key('nameHoldsContact') });
      // Half a pin is no pin: say which half is missing rather than dropping the other.
      const hasLat = value.lat !== null;
      const hasLon = value.lon !== null;
      if (hasLat !== hasLon) {
        ctx.addIssue({ code: 'custom', path: [hasLat ? 'lon' : 'lat'], message: key('coordinatesBoth') });
      }
      // A pin in Latvia but far from every parish (Riga, a digit slipped) would be sent to the parish
      // chosen and shown on the map where it is not ours: the same rule as Open311's.
      const { lat, lon } = value;
      if (lat !== null && lon !== null && !nearestParish({ lat, lon }, reference.parishes)) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: key('outsideNovads') });
      }
    });
}

export type ReportFormData = z.output<ReturnType<typeof reportFormSchema>>;

/** The checked form as the report service takes it. */
export const newReportInput = (data: ReportFormData, language: Language): NewReportInput => ({
  categoryCode: data.category,
  parishCode: data.parish,
  title: data.title,
  description: data.description,
  location: data.location,
  lat: data.lat,
  lon: data.lon,
  name: data.name,
  email: data.email,
  phone: data.phone,
  showName: data.showName,
  language,
});
