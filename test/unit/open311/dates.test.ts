import assert from 'node:assert/strict';
import { parseW3cDateTime, w3cDateTime } from '../../../src/open311/dates.js';

describe('Open311 dates', () => {
  it('are written in Latvian time with seconds and the offset of the season', () => {
    assert.equal(w3cDateTime(new Date('2026-11-30T15:00:00Z')), '2026-11-30T17:00:00+02:00');
    assert.equal(w3cDateTime(new Date('2026-07-01T12:34:56.789Z')), '2026-07-01T15:34:56+03:00');
    // Summer time starts on the last Sunday of March at 03:00 Riga time (01:00 UTC).
    assert.equal(w3cDateTime(new Date('2026-03-29T00:59:59Z')), '2026-03-29T02:59:59+02:00');
    assert.equal(w3cDateTime(new Date('2026-03-29T01:00:00Z')), '2026-03-29T04:00:00+03:00');
    assert.equal(w3cDateTime(new Date('2026-12-31T22:30:00Z')), '2027-01-01T00:30:00+02:00');
  });

  it('are written with Z in a zone without an offset', () => {
    assert.equal(w3cDateTime(new Date('2026-11-30T15:00:00Z'), 'UTC'), '2026-11-30T15:00:00Z');
  });

  it('are read in any zone, with or without seconds and fractions', () => {
    const instant = Date.parse('2026-11-30T15:00:00Z');
    for (const text of [
      '2026-11-30T15:00:00Z',
      '2026-11-30T15:00Z',
      '2026-11-30T17:00:00+02:00',
      '2026-11-30T17:00:00 02:00',
      '2026-11-30T10:00:00-05:00',
      '2026-11-30T15:00:00.000Z',
    ])
      assert.equal(parseW3cDateTime(text)?.getTime(), instant, text);
    assert.equal(parseW3cDateTime('2026-11-30T15:00:00.25Z')?.getTime(), instant + 250);
  });

  it('are not read without a zone, with a day or time that does not exist, or in another shape', () => {
    for (const text of [
      '2026-11-30',
      '2026-11-30T15:00:00',
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-31T00:00:00Z',
      '2026-11-30T24:00:00Z',
      '2026-11-30T15:60:00Z',
      '2026-11-30T15:00:00+15:00',
      '30.11.2026 15:00',
      'yesterday',
      '',
    ])
      assert.equal(parseW3cDateTime(text), undefined, text);
    assert.ok(parseW3cDateTime('2028-02-29T00:00:00Z'), 'a leap day is a day');
  });

  it('are read in the year written, even a year before 100 (which Date.UTC would move to 19xx)', () => {
    assert.equal(parseW3cDateTime('0080-01-01T00:00:00Z')?.getUTCFullYear(), 80);
    assert.equal(parseW3cDateTime('9999-12-31T23:59:59Z')?.toISOString(), '9999-12-31T23:59:59.000Z');
  });
});
