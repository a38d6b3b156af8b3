import { z } from 'zod';
import { isSingleAddress } from '../mail/address.js';
import { LATVIA, LIMITS } from '../report-form/schema.js';
import { cleanLine, cleanText } from '../web/clean-text.js';
import { PARISH_ATTRIBUTE } from './shapes.js';

/*
 * A POSTed service request, read and checked before anything is written: the same limits as the
 * report form (so nothing accepted here fails in the database), a location (a position, or an
 * address with its parish), and the resident's contact. Every problem is a sentence for a 400.
 */

export interface Submission {
  serviceCode: string;
  /** The parish the client named (`attribute[parish]` or `parish`), not yet checked. */
  parishCode: string | null;
  lat: number | null;
  lon: number | null;
  address: string | null;
  description: string;
  email: string | null;
  name: string;
  phone: string | null;
}

export type SubmissionResult = { ok: true; submission: Submission } | { ok: false; description: string };

/** A form field or a JSON value as one string: repeated fields give their first value. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return text(value[0]);
  return '';
}

/** `attribute[parish]` arrives as its own field from a form, as `attribute: { parish }` in JSON. */
function parishOf(body: Record<string, unknown>): string {
  const nested = body.attribute;
  const fromObject =
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? (nested as Record<string, unknown>)[PARISH_ATTRIBUTE]
      : undefined;
  return cleanLine(text(body[`attribute[${PARISH_ATTRIBUTE}]`] ?? fromObject ?? body[PARISH_ATTRIBUTE]));
}

const coordinate = (name: 'lat' | 'long', bounds: { min: number; max: number }) =>
  z.string().transform((value, ctx): number | null => {
    if (value === '') return null;
    const number = /^-?\d{1,3}(\.\d{1,15})?$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a WGS-84 decimal degree` });
      return null;
    }
    if (number < bounds.min || number > bounds.max) {
      ctx.addIssue({ code: 'custom', message: `${name} is outside Latvia` });
      return null;
    }
    return number;
  });

const schema = z
  .object({
    service_code: z.string().min(1, 'service_code is required').max(40, 'service_code is not a service'),
    parish: z.string().max(40, 'attribute[parish] is not a parish'),
    lat: coordinate('lat', LATVIA.lat),
    long: coordinate('long', LATVIA.lon),
    address_string: z
      .string()
      .max(LIMITS.location, `address_string may be at most ${LIMITS.location} characters`),
    description: z
      .string()
      .min(1, 'description is required')
      .max(LIMITS.description, `description may be at most ${LIMITS.description} characters`),
    email: z
      .string()
      .max(LIMITS.email, 'email is not a valid address')
      .refine((value) => value === '' || isSingleAddress(value), 'email is not a valid address'),
    name: z.string().max(LIMITS.name, `first_name and last_name may be at most ${LIMITS.name} characters`),
    phone: z
      .string()
      .max(LIMITS.phone, `phone may be at most ${LIMITS.phone} characters`)
      .regex(/^[0-9 +-]*$/, 'phone may hold only digits, spaces, + and -'),
  })
  .superRefine((value, ctx) => {
    if ((value.lat === null) !== (value.long === null))
      ctx.addIssue({ code: 'custom', message: 'lat and long go together: give both or neither' });
    else if (value.lat === null && value.address_string === '')
      ctx.addIssue({ code: 'custom', message: 'a location is required: lat and long, or address_string' });
  });

/** Reads a POSTed request (form fields or JSON); `api_key` is checked before this, elsewhere. */
export function readSubmission(body: Record<string, unknown>): SubmissionResult {
  const name = [body.first_name, body.last_name].map((part) => cleanLine(text(part))).filter(Boolean);
  const parsed = schema.safeParse({
    service_code: cleanLine(text(body.service_code)),
    parish: parishOf(body),
    lat: text(body.lat).trim(),
    long: text(body.long).trim(),
    address_string: cleanLine(text(body.address_string)),
    description: cleanText(text(body.description)).trim(),
    email: text(body.email).trim(),
    name: name.join(' '),
    phone: cleanLine(text(body.phone)),
  });
  if (!parsed.success) return { ok: false, description: parsed.error.issues[0]!.message };
  const data = parsed.data;
  return {
    ok: true,
    submission: {
      serviceCode: data.service_code,
      parishCode: data.parish || null,
      lat: data.lat,
      lon: data.long,
      address: data.address_string || null,
      description: data.description,
      email: data.email || null,
      name: data.name,
      phone: data.phone || null,
    },
  };
}

/** A report's title from its description: the first line, cut to the title's length. */
export function titleOf(description: string): string {
  const first = cleanLine(description.split('\n').find((line) => line.trim() !== '') ?? '');
  const points = Array.from(first);
  return points.length <= LIMITS.title ? first : `${points.slice(0, LIMITS.title - 1).join('')}…`;
}

/** Where the problem is, in words: the address given, or the position. */
export function locationOf(submission: Pick<Submission, 'address' | 'lat' | 'lon'>): string {
  if (submission.address) return submission.address;
  return `${submission.lat!.toFixed(5)}, ${submission.lon!.toFixed(5)}`;
}
