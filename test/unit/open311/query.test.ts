import assert from 'node:assert/strict';
import { createI18nNow } from '../../../src/i18n/index.js';
import { describe as say } from '../../../src/open311/errors.js';
import { readRequestFilter } from '../../../src/open311/query.js';

const i18n = createI18nNow();

const now = new Date('2026-11-30T15:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const filter = (query: Record<string, unknown>) => {
  const read = readRequestFilter(query, now);
  assert.ok(read.ok, read.ok ? '' : read.problem.key);
  return read.filter;
};
const refusal = (query: Record<string, unknown>) => {
  const read = readRequestFilter(query, now);
  assert.ok(!read.ok, 'refused');
  return say(i18n, read.problem, 'en');
};

describe('the filters of GET requests', () => {
  it('default to every public request of the last 90 days', () => {
    assert.deepEqual(filter({}), {
      kind: 'search',
      codes: null,
      statuses: null,
      from: new Date(now.getTime() - 90 * DAY_MS),
      to: now,
    });
  });

  it('take a window from either end: 90 days after a start, 90 days before an end', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    assert.deepEqual(filter({ start_date: '2026-01-01T00:00:00Z' }), {
      kind: 'search',
      codes: null,
      statuses: null,
      from: start,
      to: new Date(start.getTime() + 90 * DAY_MS),
    });
    const read = filter({ end_date: '2026-01-01T02:00:00+02:00' });
    assert.ok(read.kind === 'search');
    assert.deepEqual([read.from, read.to], [new Date(start.getTime() - 90 * DAY_MS), start]);
  });

  it('refuse a window longer than 90 days or running backwards', () => {
    assert.match(
      refusal({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' }),
      /more than 90 days/,
    );
    assert.match(
      refusal({ start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }),
      /not be after/,
    );
  });

  it('read lists separated by commas or given several times, and refuse an unknown status', () => {
    const read = filter({ service_code: 'roads, waste,', status: ['open', 'closed,open'] });
    assert.ok(read.kind === 'search');
    assert.deepEqual(read.codes, ['roads', 'waste']);
    assert.deepEqual(read.statuses, ['open', 'closed']);
    assert.match(refusal({ status: 'OPEN' }), /status must be open or closed/);
    assert.match(refusal({ start_date: { nested: 'x' } }), /^start_date /);
    // The array forms PHP-style clients send are the same list, never a filter left out.
    const arrays = filter({
      'service_code[]': ['roads', 'waste'],
      service_code: 'lights',
      'status[0]': 'open',
    });
    assert.ok(arrays.kind === 'search');
    assert.deepEqual(arrays.codes, ['roads', 'waste', 'lights']);
    assert.deepEqual(arrays.statuses, ['open']);
    assert.match(refusal({ service_code: 'roads', 'service_code[]': { nested: 'x' } }), /^service_code /);
  });

  it('let a list of ids override everything else, keeping only ids that could be ours', () => {
    assert.deepEqual(
      filter({
        service_request_id: 'rzn-2026-00042, RZN-2026-00042,638344,RZN-2026-00007',
        status: 'nonsense',
        start_date: 'never',
      }),
      { kind: 'ids', refs: ['RZN-2026-00042', 'RZN-2026-00007'] },
    );
    assert.match(
      refusal({ service_request_id: Array.from({ length: 1001 }, (_, i) => `RZN-2026-${i}`).join(',') }),
      /at most 1000/,
    );
  });
});
