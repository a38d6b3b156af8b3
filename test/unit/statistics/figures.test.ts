import assert from 'node:assert/strict';
import type { Category } from '../../../src/reference/types.js';
import { computeFigures, onTimeJudge, type ReportFacts } from '../../../src/statistics/figures.js';
import { median } from '../../../src/statistics/median.js';
import { finishedWithinTarget } from '../../../src/statistics/on-time.js';
import { periodOf } from '../../../src/statistics/period.js';

/** An instant in Riga's winter or summer time, written as the clock on the wall shows it. */
const riga = (wall: string) =>
  new Date(`${wall}+0${Number(wall.slice(5, 7)) >= 4 && Number(wall.slice(5, 7)) <= 10 ? 3 : 2}:00`);
const category = (code: string, targetDays: number): Category => ({
  code,
  kind: 'problem',
  visibility: 'public',
  names: { lv: code, en: code, ru: code },
  active: true,
  targetDays,
});

function report(facts: Partial<ReportFacts> & { routedAt: Date }): ReportFacts {
  return {
    parishCode: 'kaunatas',
    categoryCode: 'roads',
    status: 'open',
    firstResponseAt: null,
    finishedAt: null,
    fixedAnswer: null,
    ...facts,
  };
}

describe('statistics: medians', () => {
  it('takes the middle value, or halfway between the two middle ones', () => {
    assert.equal(median([]), null);
    assert.equal(median([7]), 7);
    assert.equal(median([9, 1, 4]), 4);
    assert.equal(median([10, 1, 2, 4]), 3);
  });
});

describe('statistics: resolved within the target, by the staff queue’s working days', () => {
  it('counts working days after the day a report was sent, holidays and weekends left out', () => {
    const routed = riga('2026-03-02T09:00:00'); // a Monday
    assert.equal(finishedWithinTarget(routed, riga('2026-03-16T17:00:00'), 10), true); // 10 working days
    assert.equal(finishedWithinTarget(routed, riga('2026-03-17T08:00:00'), 10), false); // 11
    // Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
    const beforeEaster = riga('2026-04-01T10:00:00');
    assert.equal(finishedWithinTarget(beforeEaster, riga('2026-04-07T10:00:00'), 2), true);
    assert.equal(finishedWithinTarget(beforeEaster, riga('2026-04-08T10:00:00'), 2), false);
  });
});

describe('statistics: one place’s figures', () => {
  const now = riga('2026-06-15T12:00:00');
  const period = periodOf({ year: 2026, month: 3 }, { year: 2026, month: 6 });
  const categories = [category('roads', 10), category('street-lighting', 3)];
  const context = { period, now, categories };
  const judge = onTimeJudge(context);

  it('counts what a hand count gives', () => {
    const reports = [
      // Answered after 1 day, resolved in 10 working days: on time. Reporter says fixed.
      report({
        routedAt: riga('2026-03-02T09:00:00'),
        firstResponseAt: riga('2026-03-03T09:00:00'),
        status: 'resolved',
        finishedAt: riga('2026-03-16T09:00:00'),
        fixedAnswer: 'yes',
      }),
      // Answered after 3 days, closed after 11 working days: late.
      report({
        routedAt: riga('2026-03-02T09:00:00'),
        firstResponseAt: riga('2026-03-05T09:00:00'),
        status: 'closed',
        finishedAt: riga('2026-03-17T09:00:00'),
      }),
      // Street lighting (3 working days), open since April: overdue. Reporter says not fixed.
      report({
        routedAt: riga('2026-04-20T09:00:00'),
        categoryCode: 'street-lighting',
        firstResponseAt: riga('2026-04-27T09:00:00'),
        status: 'in_progress',
        fixedAnswer: 'no',
      }),
      // Open since 10 June: within its target, not judged yet; under 4 weeks old.
      report({ routedAt: riga('2026-06-10T09:00:00') }),
      // Received in February, resolved in March: only "resolved in March".
      report({
        routedAt: riga('2026-02-10T09:00:00'),
        status: 'resolved',
        finishedAt: riga('2026-03-20T09:00:00'),
      }),
    ];
    const figures = computeFigures(reports, context, judge);
    assert.equal(figures.received, 4);
    assert.deepEqual(figures.firstResponseDays, { base: 3, value: 3 });
    // 14 days and 15 days.
    assert.deepEqual(figures.resolutionDays, { base: 2, value: 14.5 });
    // On time 1, of 2 finished + 1 open overdue.
    assert.equal(figures.onTimeShare.base, 3);
    assert.equal(figures.onTimeShare.value, 1 / 3);
    // The April one has waited 8 weeks and 3 hours; the June one 5 days.
    assert.deepEqual([figures.backlogUnder4, figures.backlog4to8, figures.backlogOver8], [1, 0, 1]);
    assert.deepEqual([figures.fixedYes, figures.fixedNo], [1, 1]);
    assert.deepEqual(figures.trendReceived, [2, 1, 0, 1]);
    assert.deepEqual(figures.trendResolved, [3, 0, 0, 0]);
  });
});
