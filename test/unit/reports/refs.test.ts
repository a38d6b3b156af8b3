import assert from 'node:assert/strict';
import { refInSearch } from '../../../src/reports/refs.js';

describe('a report number in a search', () => {
  it('is read with or without the prefix, in any case, with or without its zeros', () => {
    for (const typed of [
      'RZN-2026-00042',
      'rzn-2026-00042',
      ' 2026-00042 ',
      '2026-42',
      'RZN 2026 42',
      'rzn2026-00042',
    ]) {
      assert.equal(refInSearch(typed), 'RZN-2026-00042', typed);
    }
    assert.equal(refInSearch('2027-123456'), 'RZN-2027-123456');
  });

  it('is not found in ordinary words, a bare number, a number zero or other prefixes', () => {
    for (const typed of [
      'bedre',
      '00042',
      '2026',
      '2026-0',
      'ABC-2026-00042',
      '26-00042',
      'RZN-2026-00042 bedre',
      '',
    ]) {
      assert.equal(refInSearch(typed), undefined, typed);
    }
  });
});
