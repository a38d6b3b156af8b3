import { z } from 'zod';
import { LANGUAGES } from '../../i18n/index.js';
import { isSingleAddress } from '../../mail/address.js';
import { normaliseRef } from '../../reports/refs.js';
import { STATUSES } from '../../reports/types.js';
import { cleanAddress, cleanLine, cleanText } from '../../web/clean-text.js';
import { isOwnAddress } from '../../web/own-address.js';

/*
 * The staff forms, one schema each. Messages are catalog keys under `staff.report.errors`; a form
 * that fails is shown again with what was typed.
 */

export const first = (value: unknown) => (Array.isArray(value) ? (value as unknown[])[0] : value);
export const text = (max: number) =>
  z.preprocess(
    (value) => (typeof first(value) === 'string' ? cleanText(first(value) as string).trim() : ''),
    z.string().max(max, { error: 'tooLong' }),
  );
export const line = (max: number) =>
  z.preprocess(
    (value) => (typeof first(value) === 'string' ? cleanLine(first(value) as string) : ''),
    z.string().max(max, { error: 'tooLong' }),
  );
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (first(value) === '' || first(value) === undefined ? undefined : first(value)),
    schema.optional(),
  );

export const updateForm = z.object({
  status: optional(
    z.enum(STATUSES.filter((status) => status !== 'unconfirmed') as ['open'], { error: 'status' }),
  ),
  closeReason: optional(z.enum(['not_responsible', 'duplicate', 'no_action'], { error: 'closeReason' })),
  duplicateOf: z.preprocess((value) => normaliseRef(first(value)) ?? undefined, z.string().optional()),
  publicText: text(5000),
  internalNote: text(5000),
});

export const moveForm = z.object({
  category: line(40).pipe(z.string().min(1, { error: 'category' })),
  parish: line(40).pipe(z.string().min(1, { error: 'parish' })),
});

export const privacyForm = z.object({
  make: z.preprocess(first, z.enum(['private', 'public'], { error: 'nothing' })),
  reason: text(1000),
});

export const assignForm = z.object({
  staffId: z.preprocess(
    (value) => (first(value) === '' || first(value) === undefined ? null : Number(first(value))),
    z.number({ error: 'colleague' }).int({ error: 'colleague' }).positive({ error: 'colleague' }).nullable(),
  ),
});

// In the order the form shows its fields, so its problems are listed in that order too. The
// resident's address is never one of Tilts's own (at `inboundDomain`).
export const intakeForm = (inboundDomain: string) =>
  z.object({
    source: z.preprocess(first, z.enum(['phone', 'visit', 'letter'], { error: 'source' })),
    category: line(40).pipe(z.string().min(1, { error: 'category' })),
    title: line(120).pipe(z.string().min(1, { error: 'titleRequired' })),
    description: text(5000).pipe(z.string().min(1, { error: 'descriptionRequired' })),
    parish: line(40).pipe(z.string().min(1, { error: 'parish' })),
    location: line(300).pipe(z.string().min(1, { error: 'locationRequired' })),
    name: line(120),
    email: z.preprocess(
      (value) => (typeof first(value) === 'string' ? cleanAddress(first(value) as string) : ''),
      z
        .string()
        .max(254, { error: 'email' })
        .refine((email) => email === '' || isSingleAddress(email), { error: 'email' })
        .refine((email) => !isOwnAddress(email, inboundDomain), { error: 'ownAddress' }),
    ),
    phone: line(40).pipe(z.string().regex(/^[0-9 +()-]*$/, { error: 'phone' })),
    language: z.preprocess(first, z.enum(LANGUAGES, { error: 'language' })),
  });

export type IntakeValues = Record<keyof z.infer<ReturnType<typeof intakeForm>>, string>;

/** What a form's fields held as typed, to show it again (strings only). */
export function typed(body: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => [
      field,
      // Less the characters no form may carry (a NUL would be sent back, and refused, again).
      typeof first(body[field]) === 'string' ? cleanText(first(body[field]) as string) : '',
    ]),
  );
}

/** The first problem of a failed parse, as a catalog key under `prefix` (`staff.report.errors`). */
export function problem(error: z.ZodError, prefix = 'staff.report.errors'): { field: string; key: string } {
  const issue = error.issues[0]!;
  return { field: String(issue.path[0] ?? 'form'), key: `${prefix}.${issue.message}` };
}

/** Every field's first problem, in the schema's order: for a form that shows them all. */
export function problems(
  error: z.ZodError,
  prefix = 'staff.report.errors',
): { field: string; key: string }[] {
  const seen = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!seen.has(field)) seen.set(field, `${prefix}.${issue.message}`);
  }
  return [...seen].map(([field, key]) => ({ field, key }));
}

/** A form that failed its schema: the key of its first problem, and the field it is in. */
export class FormProblem extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = 'FormProblem';
  }
}

/** The form's data, or a FormProblem with the first problem's key under `prefix`. */
export function parse<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: z.ZodError } },
  body: unknown,
  prefix?: string,
): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const { key, field } = problem(parsed.error, prefix);
    throw new FormProblem(key, field);
  }
  return parsed.data;
}
