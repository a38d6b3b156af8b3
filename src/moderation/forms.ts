import { z } from 'zod';
import { isSingleAddress } from '../mail/address.js';
import { storedBanValue } from '../mail/address-key.js';
import { cleanLine, cleanText } from '../web/clean-text.js';
import { BAN_KINDS } from './ban-repository.js';
import { errorSummary } from '../web/error-summary.js';

export const MAX_HIDE_REASON = 1000;
export const MAX_ABUSE_REASON = 2000;
export const MAX_BAN_VALUE = 254;

// A field sent twice arrives as an array: the first value counts, as with every form here.
const first = (value: unknown) => (Array.isArray(value) ? (value as unknown[])[0] : value);
const string = (value: unknown) => (typeof first(value) === 'string' ? (first(value) as string) : '');

/** Free text of several lines: NUL and other control characters gone, required, at most `max`. */
const reason = (max: number) =>
  z.preprocess(
    (value) => cleanText(string(value)).trim(),
    z.string().min(1, { error: 'required' }).max(max, { error: 'tooLong' }),
  );

export const hideSchema = z.object({ reason: reason(MAX_HIDE_REASON) });

export const abuseSchema = z.object({
  // What exactly; checked against what the page shows by the service.
  what: z.preprocess(
    (value) => string(value) || 'report',
    z.string().regex(/^(?:report|(?:update|photo):\d{1,10})$/, { error: 'choice' }),
  ),
  reason: reason(MAX_ABUSE_REASON),
});

/** An address as `name@example.lv`; a domain as `example.lv` (a leading `@` is forgiven). */
const validValue = (kind: string, value: string) =>
  kind === 'address' ? isSingleAddress(value) : isSingleAddress(`x@${value}`);

export const banSchema = z
  .object({
    kind: z.preprocess(first, z.enum(BAN_KINDS, { error: 'kind' })),
    value: z.preprocess(
      // As addresses are kept (storedBanValue): in any case, and any spelling of the domain.
      (value) => storedBanValue(cleanLine(string(value))),
      z
        .string()
        .min(1, { error: 'value' })
        .max(MAX_BAN_VALUE, { error: 'tooLong' })
        // Checked alone first, so its message comes with the others'; against the kind below.
        .refine((value) => validValue('address', value) || validValue('domain', value.replace(/^@/, '')), {
          error: 'value',
        }),
    ),
    reason: reason(MAX_HIDE_REASON),
  })
  .transform((form) => ({
    ...form,
    value: form.kind === 'domain' ? form.value.replace(/^@/, '') : form.value,
  }))
  .refine((form) => validValue(form.kind, form.value), {
    path: ['value'],
    error: (issue) =>
      (issue.input as { kind?: string } | undefined)?.kind === 'domain' ? 'domain' : 'address',
  });

/** The form's messages, one per field: catalog keys under `moderation.errors`. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= `moderation.errors.${issue.message}`;
  }
  return errors;
}

/** What was typed, to show the form again with it (less the characters no form may carry). */
export function typed(body: unknown, fields: readonly string[]): Record<string, string> {
  const record = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(fields.map((field) => [field, cleanText(string(record[field]))]));
}

/**
 * The messages a form shows again: beside each field, and in the summary above it (linking to
 * the field), with the limit of that field and the length of what was typed.
 */
export function formMessages(
  errors: Record<string, string>,
  values: Record<string, string>,
  limits: Record<string, number>,
) {
  const entries = Object.entries(errors).map(([field, key]) => ({
    field,
    key,
    vars: { max: limits[field] ?? 0, length: values[field]?.length ?? 0 },
  }));
  const fields = Object.fromEntries(entries.map(({ field, key, vars }) => [field, [{ key, vars }]]));
  return { errors: fields, errorSummary: errorSummary(fields, Object.keys(fields)) };
}
