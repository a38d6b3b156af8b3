import assert from 'node:assert/strict';

const MIN_ROUNDS = 5;
/** How long more rounds are measured while the growth is over the limit. */
const PATIENCE_MS = 5_000;

/** Milliseconds for `reps` calls of `run` on `input`. */
function batch(run: (input: string) => unknown, input: string, reps: number): number {
  const started = performance.now();
  for (let i = 0; i < reps; i++) run(input);
  return performance.now() - started;
}

/**
 * Fails when `run` grows faster than linearly in its input: ten times the input may take at most
 * `limit` (20) times as long. Linear code takes about 10×, quadratic code 100×, so the margin
 * absorbs noise without letting a quadratic regression through.
 *
 * Both sides do the same amount of linear work, so they last about as long and a loaded machine
 * stretches both alike (a short run fits in one time slice, a long one does not): the small input
 * is run ten times as often as the large one, in batches long enough for the clock, and each side
 * is the best of several alternating rounds. Both inputs must stay under any length cap of the
 * code, or the cap would hide the growth; and both on one side of the CPU core's own cache: where
 * the work keeps memory for each character (a pattern's backtracking), a small input whose share
 * fits in it against a large one whose share does not measures the memory that everything else on
 * the machine shares (other processes; the collector marking a big heap after heavy tests in the
 * same process), and linear work read 73×. Returns the growth measured.
 *
 * Nothing global is forced (no collection, no flags): a slow spell is waited out, for a time
 * rather than a count of rounds, as a round of batches one call long passes in a moment.
 */
export function assertLinearGrowth(
  name: string,
  make: (scale: number) => string,
  run: (input: string) => unknown,
  options: { limit?: number } = {},
): number {
  const limit = options.limit ?? 20;
  const small = make(1);
  const large = make(10);
  const sizeRatio = large.length / small.length;
  assert.ok(sizeRatio > 9 && sizeRatio < 11, `${name}: the large input must be ten times the small one`);
  run(small);
  run(large);
  // Batches long enough for the clock, sized by the better of two tries: one slow batch (a call
  // still warming up, a spell) would otherwise leave every batch a single call long.
  let reps = 1;
  while (Math.min(batch(run, large, reps), batch(run, large, reps)) < 40 && reps < 1 << 12) reps *= 2;
  let smallMs = Infinity;
  let largeMs = Infinity;
  // Per call: large / (small / 10), i.e. how many times longer ten times the input takes.
  let growth = Infinity;
  // Each round can only bring the best times down, so more rounds are asked for only while the
  // growth is over the limit: on a busy machine (CI beside a browser) the large input, which no
  // longer fits the CPU's caches, is stretched more than the small one. A quadratic regression
  // stays near 100× in its best round, so waiting for a good round never lets one through.
  const started = performance.now();
  for (
    let round = 0;
    round < MIN_ROUNDS || (growth > limit && performance.now() - started < PATIENCE_MS);
    round++
  ) {
    smallMs = Math.min(smallMs, batch(run, small, reps * 10));
    largeMs = Math.min(largeMs, batch(run, large, reps));
    growth = (largeMs / smallMs) * 10;
  }
  assert.ok(
    growth <= limit,
    `${name}: ${large.length.toLocaleString('en')} characters took ${growth.toFixed(1)}× as long as ` +
      `${small.length.toLocaleString('en')} (${largeMs.toFixed(1)} ms for ${reps} calls against ` +
      `${smallMs.toFixed(1)} ms for ${reps * 10}); linear is about 10×, the limit ${limit}×`,
  );
  return growth;
}
