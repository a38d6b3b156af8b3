/*
 * Small counts, hidden so that nobody can be singled out, and the totals that could give them away.
 *
 * 1. A count from 1 to 4 is shown as "fewer than 5". A 0 is shown: it points to nobody.
 * 2. A published sum (a total and its parts: an apvienība and its parishes, a place and its months,
 *    a month and its places) must not let anyone work out a hidden number. A reader knows that
 *    "fewer than 5" is 1 to 4 and that a number hidden to protect another was 5 or more (only such
 *    numbers are hidden for that). From the one sum, the numbers shown and those bounds, each hidden
 *    number of the sum must still have at least two possible values. Where one does not:
 *    - the smallest part still shown that is 5 or more is hidden as well ("hidden");
 *    - when there is none, the total is hidden;
 *    - when everything is hidden already and the bounds alone tell a number (four parts of 1 under a
 *      total of 4), a part (else the total) is not published at all: it too reads "hidden", and
 *      could then be any number, 0 included.
 *    Every sum is checked again until none changes; hiding only ever grows, so this ends.
 *
 * Each sum is judged on its own, as statistical offices do for published tables; a determined reader
 * combining many sums at once may narrow a hidden number down, but one sum never pins it.
 */

export type Label = 'shown' | 'fewer' | 'withheld' | 'unpublished';

/** `total` = the sum of `parts`, as the published tables add up. */
export interface Sum {
  total: string;
  parts: readonly string[];
}

export const FEWER_THAN = 5;

interface Range {
  lo: number;
  hi: number;
}

/** What a reader can tell of a cell from its label alone. */
function rangeOf(value: number, label: Label): Range {
  if (label === 'shown') return { lo: value, hi: value };
  if (label === 'fewer') return { lo: 1, hi: FEWER_THAN - 1 };
  if (label === 'withheld') return { lo: FEWER_THAN, hi: Infinity };
  return { lo: 0, hi: Infinity };
}

const add = (ranges: readonly Range[]): Range =>
  ranges.reduce((sum, range) => ({ lo: sum.lo + range.lo, hi: sum.hi + range.hi }), { lo: 0, hi: 0 });

/** Whether a range still holds two whole numbers or more. */
const open = (lo: number, hi: number) => hi - lo >= 1;

/**
 * Whether every hidden cell of one sum keeps at least two possible values, given what the labels of
 * the others say (interval reasoning on this one sum).
 */
export function sumIsSafe(
  sum: Sum,
  values: ReadonlyMap<string, number>,
  labels: ReadonlyMap<string, Label>,
): boolean {
  const label = (id: string) => labels.get(id) ?? 'shown';
  const range = (id: string) => rangeOf(values.get(id) ?? 0, label(id));
  const total = range(sum.total);
  const parts = sum.parts.map(range);
  if (label(sum.total) !== 'shown') {
    const all = add(parts);
    if (!open(Math.max(total.lo, all.lo), Math.min(total.hi, all.hi))) return false;
  }
  return sum.parts.every((id, index) => {
    if (label(id) === 'shown') return true;
    const others = add(parts.filter((_, other) => other !== index));
    const lo = Math.max(parts[index]!.lo, total.lo - others.hi);
    const hi = Math.min(parts[index]!.hi, total.hi - others.lo);
    return open(lo, hi);
  });
}

/**
 * Labels every cell: shown, "fewer than 5", or hidden to protect a small one. `values` holds every
 * count; `sums` every published sum between them.
 */
export function suppress(values: ReadonlyMap<string, number>, sums: readonly Sum[]): Map<string, Label> {
  const labels = new Map<string, Label>();
  for (const [id, value] of values) labels.set(id, value > 0 && value < FEWER_THAN ? 'fewer' : 'shown');
  let changed = true;
  while (changed) {
    changed = false;
    for (const sum of sums) {
      while (!sumIsSafe(sum, values, labels)) {
        if (!protectOnce(sum, values, labels)) break;
        changed = true;
      }
    }
  }
  return labels;
}

/** One more step of protection for an unsafe sum; false when nothing is left to hide. */
function protectOnce(sum: Sum, values: ReadonlyMap<string, number>, labels: Map<string, Label>): boolean {
  const value = (id: string) => values.get(id) ?? 0;
  let smallest: string | undefined;
  for (const id of sum.parts) {
    if (labels.get(id) !== 'shown' || value(id) < FEWER_THAN) continue;
    if (smallest === undefined || value(id) < value(smallest)) smallest = id;
  }
  if (smallest !== undefined) {
    labels.set(smallest, 'withheld');
    return true;
  }
  if (labels.get(sum.total) === 'shown') {
    labels.set(sum.total, value(sum.total) < FEWER_THAN ? 'fewer' : 'withheld');
    return true;
  }
  const bounded = [...sum.parts, sum.total].find((id) => labels.get(id) === 'fewer');
  if (bounded === undefined) return false;
  labels.set(bounded, 'unpublished');
  return true;
}
