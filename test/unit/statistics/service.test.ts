import assert from 'node:assert/strict';
import type { Apvieniba, Category } from '../../../src/reference/types.js';
import type { ReportFacts } from '../../../src/statistics/figures.js';
import { periodOf } from '../../../src/statistics/period.js';
import { StatisticsService } from '../../../src/statistics/service.js';

const names = (name: string) => ({ lv: name, en: name, ru: name });
const APVIENIBAS: Apvieniba[] = [
  {
    code: 'a',
    names: names('A'),
    parishes: [
      {
        code: 'p1',
        apvienibaCode: 'a',
        type: 'pagasts',
        names: names('P1'),
        centre: '',
        lat: null,
        lon: null,
      },
      {
        code: 'p2',
        apvienibaCode: 'a',
        type: 'pagasts',
        names: names('P2'),
        centre: '',
        lat: null,
        lon: null,
      },
    ],
  },
];
const CATEGORIES: Category[] = [
  { code: 'roads', kind: 'problem', visibility: 'public', names: names('R'), active: true, targetDays: 10 },
];
const period = periodOf({ year: 2026, month: 3 }, { year: 2026, month: 3 });
const report = (parishCode: string): ReportFacts => ({
  parishCode,
  categoryCode: 'roads',
  status: 'open',
  routedAt: new Date('2026-03-10T10:00:00Z'),
  firstResponseAt: null,
  finishedAt: null,
  fixedAnswer: null,
});

describe('statistics: the service', () => {
  function service(facts: ReportFacts[], privateCount: number, cache: { now: number }) {
    const calls = { facts: 0 };
    const statistics = new StatisticsService({
      statistics: {
        publicFacts: () => {
          calls.facts += 1;
          return Promise.resolve(facts);
        },
        privateReceived: () => Promise.resolve(privateCount),
      },
      reference: {
        apvienibas: () => Promise.resolve(APVIENIBAS),
        categories: () => Promise.resolve(CATEGORIES),
      },
      clock: () => new Date('2026-04-01T10:00:00Z'),
      cacheClock: () => cache.now,
    });
    return { statistics, calls };
  }

  it('adds each report to its parish, its apvienība and the novads, in the reference order', async () => {
    const facts = [...Array(6)].map(() => report('p1')).concat([report('p2')]);
    const { statistics } = service(facts, 7, { now: 0 });
    const published = await statistics.forPeriod(period);
    assert.deepEqual(
      published.rows.map((row) => [row.level, row.code, row.figures.received]),
      [
        ['novads', 'novads', { kind: 'count', value: 7 }],
        ['apvieniba', 'a', { kind: 'count', value: 7 }],
        // p2's 1 alone under a total of 7 would be told by it: p1's 6 is hidden with it.
        ['parish', 'p1', { kind: 'withheld' }],
        ['parish', 'p2', { kind: 'fewer' }],
      ],
    );
    assert.deepEqual(published.privateReceived, { kind: 'count', value: 7 });
    assert.equal(published.empty, false);
  });

  it('keeps a period’s figures for a minute, then works them out again', async () => {
    const cache = { now: 1_000 };
    const { statistics, calls } = service([report('p1')], 0, cache);
    await Promise.all([statistics.forPeriod(period), statistics.forPeriod(period)]);
    cache.now += 60_000;
    await statistics.forPeriod(period);
    assert.equal(calls.facts, 1);
    cache.now += 1;
    await statistics.forPeriod(period);
    assert.equal(calls.facts, 2);
  });

  it('says a period is empty only when nothing at all, private requests included, happened in it', async () => {
    assert.equal((await service([], 0, { now: 0 }).statistics.forPeriod(period)).empty, true);
    const onlyPrivate = await service([], 2, { now: 0 }).statistics.forPeriod(period);
    assert.equal(onlyPrivate.empty, false);
    assert.deepEqual(onlyPrivate.privateReceived, { kind: 'fewer' });
  });
});
