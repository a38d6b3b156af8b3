import { z } from 'zod';
import { isSingleAddress } from '../mail/address.js';
import { LATVIA, LIMITS } from '../report-form/schema.js';
import { cleanLine, cleanText } from '../web/clean-text.js';
import type { Problem } from './errors.js';
import { PARISH_ATTRIBUTE } from './shapes.js';

/*
 * A POSTed service request, read and checked before anything is written: the same limits as the
 * report form (so nothing accepted here fails in the database), a location (a position, or an
 * address with its parish), and the resident's contact. Every problem is a sentence for a 400
 * (its key under `open311.errors`, said in the client's language by the route).
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

export type SubmissionResult = { ok: true; submission: Submission } | { ok: false; problem: Problem };

/** A form field or a JSON value as one string (a repeated field is refused before: fieldProblem). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return text(value[0]);
  return '';
}

const ATTRIBUTE_FIELD = /^attribute\[([^\]]*)\]$/;

/** A value an attribute can have: text (or a number, as JSON may give a code); null is none. */
const isText = (value: unknown) =>
  value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * The attributes a request carries, by code, each with every value it was given: `attribute[code]`
 * form fields, `attribute: { code }` in JSON, and `parish` alone as the parish (as before
 * attributes were described). `shape` is set when `attribute` itself is no object of codes.
 */
function attributesOf(body: Record<string, unknown>): { given: Map<string, unknown[]>; shape: boolean } {
  const given = new Map<string, unknown[]>();
  const add = (code: string, value: unknown) => {
    if (value === undefined || value === '') return;
    given.set(code, [...(given.get(code) ?? []), ...(Array.isArray(value) ? (value as unknown[]) : [value])]);
  };
  let shape = false;
  for (const [field, value] of Object.entries(body)) {
    const code = ATTRIBUTE_FIELD.exec(field)?.[1];
    if (code !== undefined) add(code, value);
  }
  const nested = body.attribute;
  if (nested !== undefined && nested !== '') {
    if (nested && typeof nested === 'object' && !Array.isArray(nested))
      for (const [code, value] of Object.entries(nested)) add(code, value);
    else shape = true;
  }
  add(PARISH_ATTRIBUTE, body[PARISH_ATTRIBUTE]);
  return { given, shape };
}

/**
 * What makes a request ambiguous before anything else is read: a field given more than once
 * (`email=a&email=b`, two `service_code`, a JSON array where one value goes, the parish both as
 * `attribute[parish]` and `parish`), an attribute the service does not define, or one whose value is
 * no text (an object in JSON). Such a request was read by its first value, or its attribute
 * dropped, without a word: now it is a 400 naming the field.
 */
export function fieldProblem(
  body: Record<string, unknown>,
  attributes: readonly string[],
): Problem | undefined {
  for (const [field, value] of Object.entries(body)) {
    if (field !== 'attribute' && !ATTRIBUTE_FIELD.test(field) && Array.isArray(value))
      return { key: 'fieldRepeated', values: { name: field.slice(0, 40) } };
  }
  const { given, shape } = attributesOf(body);
  if (shape) return { key: 'attributeShape' };
  for (const [code, values] of given) {
    const name = `attribute[${code.slice(0, 40)}]`;
    if (!attributes.includes(code)) return { key: 'attributeUnknown', values: { name } };
    if (values.length > 1) return { key: 'fieldRepeated', values: { name } };
    // An object (`attribute: { parish: { code: 'maltas' } }`) or a true/false was read as no
    // value, as if the client had named no parish: it is a mistake to say, not to guess past.
    if (!isText(values[0])) return { key: 'attributeNotText', values: { name } };
  }
  return undefined;
}

/** The parish the request names, from whichever field it came in. */
function parishOf(body: Record<string, unknown>): string {
  return cleanLine(text(attributesOf(body).given.get(PARISH_ATTRIBUTE)?.[0]));
}

const coordinate = (name: 'lat' | 'long', bounds: { min: number; max: number }) =>
  z.string().transform((value, ctx): number | null => {
    if (value === '') return null;
    const number = /^-?\d{1,3}(\.\d{1,15})?$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: 'custom', message: 'notDegree', params: { name } });
      return null;
    }
    if (number < bounds.min || number > bounds.max) {
      ctx.addIssue({ code: 'custom', message: 'outsideLatvia', params: { name } });
      return null;
    }
    return number;
  });

/** The values the sentences of the form's limits name. */
const LIMIT_VALUES: Readonly<Record<string, Problem['values']>> = {
  addressTooLong: { max: LIMITS.location },
  descriptionTooLong: { max: LIMITS.description },
  nameTooLong: { max: LIMITS.name },
  phoneTooLong: { max: LIMITS.phone },
};

const schema = z
  .object({
    service_code: z.string().min(1, 'serviceCodeRequired').max(40, 'serviceCodeTooLong'),
    parish: z.string().max(40, 'parishUnknown'),
    lat: coordinate('lat', LATVIA.lat),
    long: coordinate('long', LATVIA.lon),
    address_string: z.string().max(LIMITS.location, 'addressTooLong'),
    description: z.string().min(1, 'descriptionRequired').max(LIMITS.description, 'descriptionTooLong'),
    email: z
      .string()
      .max(LIMITS.email, 'emailInvalid')
      .refine((value) => value === '' || isSingleAddress(value), 'emailInvalid'),
    name: z.string().max(LIMITS.name, 'nameTooLong'),
    phone: z
      .string()
      .max(LIMITS.phone, 'phoneTooLong')
      .regex(/^[0-9 +-]*$/, 'phoneCharacters'),
  })
  .superRefine((value, ctx) => {
    if ((value.lat === null) !== (value.long === null))
      ctx.addIssue({ code: 'custom', message: 'latLongTogether' });
    else if (value.lat === null && value.address_string === '')
      ctx.addIssue({ code: 'custom', message: 'locationRequired' });
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
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const params = 'params' in issue ? (issue.params as Problem['values']) : undefined;
    return { ok: false, problem: { key: issue.message, values: params ?? LIMIT_VALUES[issue.message] } };
  }
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
