import assert from 'node:assert/strict';
import { SecondAsk } from '../../../src/page-cache/admission.js';
import { keptOnSecondAsk } from '../../../src/page-cache/rules.js';

describe('second-ask admission', () => {
  it('admits an address asked again within the time to live, then starts over', () => {
    const asks = new SecondAsk(1_000);
    assert.equal(asks.admits('lv /reports?q=bedre', 0), false);
    assert.equal(asks.admits('en /reports?q=bedre', 10), false, 'each language is its own address');
    assert.equal(asks.admits('lv /reports?q=bedre', 1_000), true);
    assert.equal(asks.admits('lv /reports?q=bedre', 1_001), false, 'admitted once, then asked anew');
    assert.equal(asks.admits('en /reports?q=bedre', 1_011), false, 'asked again too late');
  });

  it('remembers at most its limit of first asks, forgetting the oldest', () => {
    const asks = new SecondAsk(60_000, 3);
    for (const word of ['a', 'b', 'c', 'd']) asks.admits(`lv /reports?q=${word}`, 0);
    assert.equal(asks.remembered, 3);
    assert.equal(asks.admits('lv /reports?q=a', 1), false, 'the oldest was forgotten');
    assert.equal(asks.admits('lv /reports?q=d', 1), true);
    // A very long address costs no more to remember than a short one.
    const long = `lv /reports?q=${'x'.repeat(100_000)}`;
    asks.admits(long, 2);
    assert.equal(asks.admits(long, 3), true);
  });

  it('asks for a second ask only for words and cursors, not for an empty search or the filters', () => {
    assert.equal(keptOnSecondAsk({ q: 'bedre' }), true);
    assert.equal(keptOnSecondAsk({ after: '120' }), true);
    assert.equal(keptOnSecondAsk({ before: '80', parish: 'kaunatas' }), true);
    assert.equal(keptOnSecondAsk({ q: '' }), false);
    assert.equal(keptOnSecondAsk({ parish: 'kaunatas', status: 'open', page: '3', lang: 'ru' }), false);
    assert.equal(keptOnSecondAsk({}), false);
  });
});
