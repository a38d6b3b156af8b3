import assert from 'node:assert/strict';
import { assertLinearGrowth } from '../support/growth.js';

/**
 * The growth helper the linear-time tests share: a quadratic regression fails it after its first
 * call on the large input (counted, not timed: each such call lasts long), not after rounds of
 * them that each say the same; linear work passes.
 */
describe('the linear-growth helper', () => {
  const make = (scale: number) => 'a.'.repeat(2_000 * scale) + 'x';

  it('fails quadratic work after one call on the large input', () => {
    let largeCalls = 0;
    let sink = 0;
    const quadratic = (input: string) => {
      if (input.length > 10_000) largeCalls++;
      for (let i = 0; i < input.length; i++)
        for (let j = i; j < input.length; j++) sink += input.charCodeAt(j) & 1;
      return sink;
    };
    assert.throws(
      () => assertLinearGrowth('quadratic', make, quadratic),
      /quadratic: 40,001 characters took \d+\.\d× as long as 4,001 .*the limit 20×/,
    );
    assert.equal(largeCalls, 1, 'the large input is measured once');
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
