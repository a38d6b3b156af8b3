import assert from 'node:assert/strict';

const MIN_ROUNDS = 5;
/** How long more rounds are measured while the growth is over the limit. */
const PATIENCE_MS = 5_000;
/**
 * A first batch of the large input at least this long, reading more than this many times the
 * limit against the small input measured both before and right after it, fails at once: a
 * quadratic regression reads 100× and more, and each of its batches lasts seconds; linear code's
 * batches last 40–80 ms, and one would have to be slowed six times over against the small input on
 * both sides of it.
 */
const CLEAR_MS = 200;
const CLEAR_TIMES = 3;

/** Milliseconds, by default the machine's; the helper's own test counts its work's steps instead. */
export type Clock = () => number;

/** Milliseconds for `reps` calls of `run` on `input`. */
function batch(clock: Clock, run: (input: string) => unknown, input: string, reps: number): number {
  const started = clock();
  for (let i = 0; i < reps; i++) run(input);
  return clock() - started;
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
 * rather than a count of rounds, as a round of batches one call long passes in a moment. A growth
 * clearly over the limit is not waited out (CLEAR_MS): a quadratic regression fails in about the
 * time of its first large call, not in 15–20 s of rounds that each say the same.
 *
 * `clock` (milliseconds) is the machine's unless given: the helper's own test gives one that counts
 * the steps its work takes, so what it checks of these decisions does not hang on the machine's load.
 */
export function assertLinearGrowth(
  name: string,
  make: (scale: number) => string,
  run: (input: string) => unknown,
  options: { limit?: number; clock?: Clock } = {},
): number {
  const limit = options.limit ?? 20;
  const clock = options.clock ?? (() => performance.now());
  const small = make(1);
  const large = make(10);
  const sizeRatio = large.length / small.length;
  assert.ok(sizeRatio > 9 && sizeRatio < 11, `${name}: the large input must be ten times the small one`);
  run(small);
  // Batches long enough for the clock, sized on the small input (ten of its calls are the linear
  // work of one large call) by the better of two tries: one slow batch (a call still warming up, a
  // spell) would otherwise leave every batch a single call long. The large input is not run before
  // it is measured: where the code is quadratic, one call of it lasts seconds.
  let reps = 1;
  let smallMs = Infinity;
  for (; ; reps *= 2) {
    smallMs = Math.min(batch(clock, run, small, reps * 10), batch(clock, run, small, reps * 10));
    if (smallMs >= 40 || reps >= 1 << 12) break;
  }
  let largeMs = batch(clock, run, large, reps);
  // Per call: large / (small / 10), i.e. how many times longer ten times the input takes.
  let growth = (largeMs / smallMs) * 10;
  const failure = (note = '') =>
    `${name}: ${large.length.toLocaleString('en')} characters took ${growth.toFixed(1)}× as long as ` +
    `${small.length.toLocaleString('en')} (${largeMs.toFixed(1)} ms for ${reps} calls against ` +
    `${smallMs.toFixed(1)} ms for ${reps * 10}); linear is about 10×, the limit ${limit}×${note}`;
  if (largeMs >= CLEAR_MS && growth > CLEAR_TIMES * limit) {
    // Far over in a long batch: unless the small input, measured again now, was slowed as much
    // (a spell over both), it is the code's growth, and rounds more would say the same.
    const again = batch(clock, run, small, reps * 10);
    const growthAgain = (largeMs / again) * 10;
    assert.ok(
      growthAgain <= CLEAR_TIMES * limit,
      failure(`; against the small input measured again after it, ${growthAgain.toFixed(1)}×`),
    );
    smallMs = Math.min(smallMs, again);
    growth = (largeMs / smallMs) * 10;
  }
  // Each round can only bring the best times down, so more rounds are asked for only while the
  // growth is over the limit: on a busy machine (CI beside a browser) the large input, which no
  // longer fits the CPU's caches, is stretched more than the small one. A quadratic regression
  // stays near 100× in its best round, so waiting for a good round never lets one through.
  const started = clock();
  for (let round = 0; round < MIN_ROUNDS || (growth > limit && clock() - started < PATIENCE_MS); round++) {
    smallMs = Math.min(smallMs, batch(clock, run, small, reps * 10));
    largeMs = Math.min(largeMs, batch(clock, run, large, reps));
    growth = (largeMs / smallMs) * 10;
  }
  assert.ok(growth <= limit, failure());
  return growth;
}
