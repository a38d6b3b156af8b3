import type { Request } from 'express';
import { normaliseRef } from '../../reports/refs.js';
import { STATUSES } from '../../reports/types.js';
import { cleanLine } from '../../web/clean-text.js';
import type { QueueFilters } from './service.js';
import type { Names } from './view.js';

/** What the queue's address asks: its filters, and the notice of a report moved out of sight. */
const one = (value: unknown) => (typeof value === 'string' ? cleanLine(value) : undefined);

/**
 * The queue's notice after a report was moved out of the mover's sight (`?done=movedAway`): its
 * number and new place, said only for a well-formed number and a known category and parish.
 */
export function movedAwayNotice(query: Request['query'], names: Names) {
  if (one(query.done) !== 'movedAway') return null;
  const ref = normaliseRef(one(query.ref) ?? '');
  const category = names.categories.find((item) => item.code === one(query.toCategory));
  const parish = names.apvienibas
    .flatMap((apvieniba) => apvieniba.parishes)
    .find((item) => item.code === one(query.toParish));
  if (!ref || !category || !parish) return null;
  return { ref, place: `${names.category(category.code)}, ${names.parish(parish.code)}` };
}

export function queueFilters(query: Request['query']): QueueFilters {
  const status = one(query.status);
  const page = Number(one(query.page) ?? 1);
  return {
    status:
      status === 'all' || (STATUSES as readonly string[]).includes(status ?? '')
        ? (status as QueueFilters['status'])
        : 'active',
    parish: one(query.parish) || undefined,
    category: one(query.category) || undefined,
    assigned: one(query.assigned) === 'me' ? 'me' : one(query.assigned) === 'nobody' ? 'nobody' : undefined,
    visibility:
      one(query.visibility) === 'private'
        ? 'private'
        : one(query.visibility) === 'public'
          ? 'public'
          : undefined,
    overdue: one(query.overdue) === '1',
    q: one(query.q)?.slice(0, 100) || undefined,
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}
