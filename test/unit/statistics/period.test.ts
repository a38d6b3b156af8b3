import assert from 'node:assert/strict';
import { monthOf, monthStart } from '../../../src/statistics/calendar.js';
import { MAX_MONTHS, defaultPeriod, parsePeriod } from '../../../src/statistics/period.js';

// 15 June 2026, noon in Riga.
const NOW = new Date('2026-06-15T09:00:00Z');
const keys = (query: Record<string, unknown>) => {
  const { period, problem } = parsePeriod(query, NOW);
  return { from: period.fromKey, to: period.toKey, problem, months: period.months.length };
};

describe('statistics: months in Latvian time', () => {
  it('puts an instant in the month it is in Riga, not in UTC', () => {
    // 22:30 UTC on 28 February is 00:30 on 1 March in Riga.
    assert.deepEqual(monthOf(new Date('2026-02-28T22:30:00Z')), { year: 2026, month: 3 });
    assert.deepEqual(monthOf(new Date('2026-02-28T21:30:00Z')), { year: 2026, month: 2 });
  });

  it('starts a month at midnight in Riga, in winter (UTC+2) and in summer (UTC+3)', () => {
    assert.equal(monthStart({ year: 2026, month: 1 }).toISOString(), '2025-12-31T22:00:00.000Z');
    assert.equal(monthStart({ year: 2026, month: 7 }).toISOString(), '2026-06-30T21:00:00.000Z');
    // April begins in summer time: the clocks went forward on 29 March 2026.
    assert.equal(monthStart({ year: 2026, month: 4 }).toISOString(), '2026-03-31T21:00:00.000Z');
    assert.equal(monthStart({ year: 2026, month: 11 }).toISOString(), '2026-10-31T22:00:00.000Z');
  });
});

describe('statistics: the period asked for', () => {
  it('is the last 12 months, this one included, when nothing is asked', () => {
    assert.deepEqual(keys({}), { from: '2025-07', to: '2026-06', problem: null, months: 12 });
    assert.deepEqual(keys({ from: '', to: '' }), {
      from: '2025-07',
      to: '2026-06',
      problem: null,
      months: 12,
    });
    const period = defaultPeriod(NOW);
    assert.equal(period.start.toISOString(), '2025-06-30T21:00:00.000Z');
    assert.equal(period.end.toISOString(), '2026-06-30T21:00:00.000Z');
  });

  it('takes a period given by its first and last month, both included', () => {
    assert.deepEqual(keys({ from: '2026-01', to: '2026-03' }), {
      from: '2026-01',
      to: '2026-03',
      problem: null,
      months: 3,
    });
    assert.deepEqual(keys({ from: '2026-06', to: '2026-06' }).months, 1);
  });

  it('runs to this month when only the start is given, and 12 months back when only the end is', () => {
    assert.deepEqual(keys({ from: '2026-02' }), { from: '2026-02', to: '2026-06', problem: null, months: 5 });
    assert.deepEqual(keys({ to: '2026-03' }), { from: '2025-04', to: '2026-03', problem: null, months: 12 });
  });

  it('falls back to the default, saying why, for a period it cannot read', () => {
    for (const from of ['2026-13', '2026-00', '26-01', '2026/01', 'januāris', '1999-12', '2026-1'])
      assert.deepEqual(keys({ from, to: '2026-03' }), {
        from: '2025-07',
        to: '2026-06',
        problem: 'unreadable',
        months: 12,
      });
    assert.equal(keys({ from: { a: 1 } }).problem, 'unreadable');
    // A repeated parameter: the first value counts.
    assert.equal(keys({ from: ['2026-01', 'x'], to: '2026-02' }).problem, null);
  });

  it('falls back for a period in the future, a reversed one and one too long', () => {
    assert.equal(keys({ from: '2026-07', to: '2026-08' }).problem, 'future');
    assert.equal(keys({ from: '2026-01', to: '2026-07' }).problem, 'future');
    assert.equal(keys({ from: '2026-04', to: '2026-02' }).problem, 'reversed');
    assert.equal(keys({ from: '2023-06', to: '2026-05' }).problem, null);
    assert.equal(keys({ from: '2023-06', to: '2026-06' }).problem, 'tooLong');
    assert.equal(MAX_MONTHS, 36);
    assert.deepEqual(keys({ from: '2026-04', to: '2026-02' }).from, '2025-07');
  });
});
