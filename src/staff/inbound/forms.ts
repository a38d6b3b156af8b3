import { z } from 'zod';
import { normaliseRef } from '../../reports/refs.js';
import { first, optional, text } from '../reports/forms.js';

/* The forms of an inbound message's page; messages are keys under `staff.inbound.errors`. */

export const publishForm = z.object({
  status: optional(z.enum(['acknowledged', 'in_progress', 'resolved', 'closed'], { error: 'status' })),
  closeReason: optional(z.enum(['not_responsible', 'no_action'], { error: 'closeReason' })),
  publicText: text(5000),
  internalNote: text(5000),
  photos: z.preprocess((value) => first(value) === 'on', z.boolean()),
});

export const dropForm = z.object({ reason: text(1000) });

export const placeForm = z.object({
  ref: z.preprocess((value) => normaliseRef(first(value)) ?? '', z.string().min(1, { error: 'report' })),
});

/** An id in a URL: a positive integer PostgreSQL's `integer` holds, else nothing. */
export function messageId(value: unknown): number | undefined {
  return typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}
