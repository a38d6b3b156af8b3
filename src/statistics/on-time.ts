import type { Category } from '../reference/types.js';
import { overdueCutoffs } from '../staff/reports/overdue.js';
import { overdueCutoff } from '../staff/working-days.js';
import { rigaDay } from './calendar.js';

/*
 * "Answered within the target" uses the staff queue's own rule (src/staff/working-days.ts): a
 * report is overdue once it has waited more working days than its category's target. Here it is
 * asked of reports already resolved or closed too: was it finished before it became overdue?
 */

// The cut-off depends only on the target and the date (in Riga) it is judged on, and holidays do
// not change: one is worked out per target and day, once per process. A bound keeps it small.
const cutoffs = new Map<string, Date>();
const MAX_CUTOFFS = 20_000;

function cutoffOn(days: number, at: Date): Date {
  const key = `${days}|${rigaDay(at)}`;
  let cutoff = cutoffs.get(key);
  if (!cutoff) {
    if (cutoffs.size >= MAX_CUTOFFS) cutoffs.clear();
    cutoff = overdueCutoff(days, at);
    cutoffs.set(key, cutoff);
  }
  return cutoff;
}

/** Whether a report routed at `routedAt` and finished at `finishedAt` took no more than `days` working days. */
export function finishedWithinTarget(routedAt: Date, finishedAt: Date, days: number): boolean {
  return routedAt.getTime() >= cutoffOn(days, finishedAt).getTime();
}

/**
 * For reports still waiting at `now`: the instant before which a report of each category is
 * overdue, exactly as the staff queue's "overdue only" filter computes it.
 */
export function openOverdueBefore(categories: readonly Category[], now: Date): Map<string, Date> {
  const before = new Map<string, Date>();
  for (const group of overdueCutoffs(categories, now))
    for (const code of group.categories) before.set(code, group.before);
  return before;
}
