import assert from 'node:assert/strict';
import { publishedDegrees, roundDegrees } from '../../../src/reports/position.js';

describe('published positions', () => {
  it('drop binary noise: six decimals, printed as the decimal itself', () => {
    assert.equal(String(publishedDegrees(56.567150000000005)), '56.56715');
    assert.equal(String(publishedDegrees(27.519579999999998)), '27.51958');
    assert.equal(publishedDegrees(56.1234567), 56.123457);
    assert.equal(publishedDegrees(null), null);
  });

  it('round to any number of decimals, as the map’s own pins take five', () => {
    assert.equal(roundDegrees(56.567156, 5), 56.56716);
    assert.equal(roundDegrees(27.1, 5), 27.1);
  });
});
