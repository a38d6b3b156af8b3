import assert from 'node:assert/strict';
import {
  easterSunday,
  isWorkingDay,
  overdueCutoff,
  publicHolidays,
  workingDaysBetween,
} from '../../../src/staff/working-days.js';

const riga = (iso: string) => new Date(`${iso}T12:00:00+02:00`);

describe('Latvian working days', () => {
  it('finds Western Easter for known years', () => {
    assert.equal(easterSunday(2026).toISOString().slice(0, 10), '2026-04-05');
    assert.equal(easterSunday(2027).toISOString().slice(0, 10), '2027-03-28');
    assert.equal(easterSunday(2025).toISOString().slice(0, 10), '2025-04-20');
  });

  it('lists the public holidays of 2026, with Monday for 4 May and 18 November on a weekend', () => {
    const days = [...publicHolidays(2026)].sort();
    for (const day of [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-06-23',
      '2026-06-24',
      '2026-11-18',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ])
      assert.ok(days.includes(day), day);
    // 2027: 4 May is a Tuesday; 18 November 2028 is a Saturday, so Monday the 20th is free.
    assert.ok(publicHolidays(2028).has('2028-11-20'));
    assert.ok(!publicHolidays(2028).has('2028-11-21'));
  });

  it('counts neither weekends nor holidays', () => {
    assert.equal(isWorkingDay(riga('2026-11-30')), true);
    assert.equal(isWorkingDay(riga('2026-11-29')), false, 'a Sunday');
    assert.equal(isWorkingDay(riga('2026-11-18')), false, 'Proclamation Day');
    assert.equal(workingDaysBetween(riga('2026-11-27'), riga('2026-11-30')), 1, 'Friday to Monday');
    // 16 to 20 November 2026: Tuesday, (Wednesday the 18th is a holiday), Thursday, Friday.
    assert.equal(workingDaysBetween(riga('2026-11-16'), riga('2026-11-20')), 3);
    // Christmas week 2026: 24, 25 and 31 December and a weekend are not counted.
    assert.equal(workingDaysBetween(riga('2026-12-22'), riga('2027-01-04')), 5);
    assert.equal(workingDaysBetween(riga('2026-11-30'), riga('2026-11-30')), 0);
  });

  it('takes the date in Riga: 23:30 UTC on a Sunday is already Monday there', () => {
    assert.equal(isWorkingDay(new Date('2026-11-29T23:30:00Z')), true);
  });
});

describe('the overdue cut-off', () => {
  it('is the Riga midnight before which a report has waited more than the target', () => {
    const now = riga('2026-11-30');
    const cutoff = overdueCutoff(10, now);
    // Routed on Friday 13 November, a report is ten working days old on Monday 30 November
    // (Wednesday the 18th is a holiday): within the target. One routed on the 12th is not.
    assert.equal(cutoff.toISOString(), '2026-11-12T22:00:00.000Z');
    assert.equal(workingDaysBetween(new Date(cutoff.getTime() - 1000), now) > 10, true);
    assert.equal(workingDaysBetween(cutoff, now) <= 10, true);
  });
});
