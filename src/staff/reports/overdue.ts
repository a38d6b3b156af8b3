import type { Category } from '../../reference/types.js';
import { overdueCutoff } from '../working-days.js';

/** For the "overdue only" filter: per target, the categories with it and their cut-off instant. */
export function overdueCutoffs(
  categories: readonly Category[],
  now: Date,
): { categories: string[]; before: Date }[] {
  const byTarget = new Map<number, string[]>();
  for (const category of categories)
    byTarget.set(category.targetDays, [...(byTarget.get(category.targetDays) ?? []), category.code]);
  return [...byTarget].map(([days, codes]) => ({ categories: codes, before: overdueCutoff(days, now) }));
}
