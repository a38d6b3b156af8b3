import assert from 'node:assert/strict';
import { shortMonthName } from '../../../src/statistics/format.js';

describe('the chart’s month labels', () => {
  it('say the whole year where one is shown, never a number read as a day', () => {
    const january = { year: 2026, month: 1 };
    const june = { year: 2025, month: 6 };
    assert.equal(shortMonthName(january, 'en', false), 'Jan 2026');
    assert.equal(shortMonthName(june, 'en', true), 'Jun 2025');
    assert.equal(shortMonthName(june, 'en', false), 'Jun');
    for (const language of ['lv', 'ru'] as const) {
      assert.match(shortMonthName(january, language, false), / 2026$/, language);
      assert.doesNotMatch(shortMonthName(january, language, false), / 26$/, language);
    }
  });
});
