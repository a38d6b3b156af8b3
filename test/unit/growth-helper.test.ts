import assert from 'node:assert/strict';
import { assertLinearGrowth, type Clock } from '../support/growth.js';

/** How long a step of work lasts on the step clock: a loop's turn on a slow machine. */
const STEP_MS = 1e-5;

/**
 * A clock that reads the steps the work has done, not the time it took: timed, a busy machine
 * (a spell over the small input measured again, which the helper waits out by design) sent the
 * quadratic work into rounds of large calls, and "measured once" failed on a loaded CI.
 */
function stepClock(): { clock: Clock; step: (steps: number) => void } {
  let steps = 0;
  return {
    clock: () => steps * STEP_MS,
    step: (count) => {
      steps += count;
    },
  };
}

/**
 * The growth helper the linear-time tests share: a quadratic regression fails it after its first
 * call on the large input (counted, not timed: each such call lasts long), not after rounds of
 * them that each say the same; a slow spell over both inputs is waited out; linear work passes.
 */
describe('the linear-growth helper', () => {
  const make = (scale: number) => 'a.'.repeat(2_000 * scale) + 'x';

  it('fails quadratic work after one call on the large input', () => {
    const { clock, step } = stepClock();
    let largeCalls = 0;
    // Each character against every one from it on: n(n+1)/2 steps.
    const quadratic = (input: string) => {
      if (input.length > 10_000) largeCalls++;
      for (let i = 0; i < input.length; i++) step(input.length - i);
    };
    assert.throws(
      () => assertLinearGrowth('quadratic', make, quadratic, { clock }),
      /quadratic: 40,001 characters took \d+\.\d× as long as 4,001 .*the limit 20×/,
    );
    assert.equal(largeCalls, 1, 'the large input is measured once');
  });

  it('waits out a spell that slows the large input and the small one measured again after it', () => {
    const { clock, step } = stepClock();
    let largeCalls = 0;
    // From the first large call, for three seconds of the clock, every step takes twenty.
    let spellEnds: number | undefined;
    const linear = (input: string) => {
      if (input.length > 10_000) {
        largeCalls++;
        spellEnds ??= clock() + 3_000;
      }
      step(input.length * (spellEnds !== undefined && clock() < spellEnds ? 20 : 1));
    };
    const growth = assertLinearGrowth('linear in a spell', make, linear, { clock });
    assert.ok(Math.abs(growth - 10) < 0.5, `linear work reads about 10×, not ${growth.toFixed(1)}×`);
    assert.ok(spellEnds !== undefined && clock() > spellEnds, 'the spell was over before it was decided');
    assert.ok(largeCalls > 1, 'the large input was measured again after the spell');
  });

  it('passes linear work', () => {
    let sink = 0;
    const linear = (input: string) => {
      for (let i = 0; i < input.length; i++) sink += input.charCodeAt(i) & 1;
      return sink;
    };
    assert.ok(assertLinearGrowth('linear', make, linear) <= 20);
  });
});
