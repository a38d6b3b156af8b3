import assert from 'node:assert/strict';
import { ChangeFeed } from '../../../src/page-cache/feed.js';
import { ListCounts } from '../../../src/report-pages/list-counts.js';

describe('the counts kept for the public list', () => {
  let now: number;
  let feed: ChangeFeed;
  let counts: ListCounts;

  beforeEach(() => {
    now = 1_000_000;
    feed = new ChangeFeed(0);
    counts = new ListCounts(feed, {
      unnotifiedTtlMs: 10_000,
      maxAgeMs: 600_000,
      maxEntries: 3,
      clock: () => now,
    });
  });

  const keep = (key: string, total: number) => counts.remember(key, total, counts.position);

  it('keeps a count per list until a public report changes', () => {
    keep('all', 1001);
    keep('kaunatas', 45);
    assert.equal(counts.get('all'), 1001);
    assert.equal(counts.get('kaunatas'), 45);
    assert.equal(counts.get('vilani'), undefined);
    for (const drop of ['reports', 'report:RZN-2026-00042', 'all'] as const) {
      keep('all', 1001);
      feed.record([drop]);
      assert.equal(counts.get('all'), undefined, drop);
    }
  });

  it('keeps counts when only what lists do not count changes (answers, offers of help)', () => {
    keep('all', 1001);
    feed.record(['statistics', 'help']);
    assert.equal(counts.get('all'), 1001);
  });

  it('does not keep a count read while a report changed: it may be the old number', () => {
    const before = counts.position;
    feed.record(['report:RZN-2026-00042']);
    counts.remember('all', 1001, before);
    assert.equal(counts.get('all'), undefined);
    // Read after the change: kept.
    counts.remember('all', 1002, counts.position);
    assert.equal(counts.get('all'), 1002);
  });

  it("keeps a count only briefly while other processes' changes may go unseen", () => {
    keep('all', 1001);
    now += 10_001;
    assert.equal(counts.get('all'), undefined);
    feed.notified = true;
    keep('all', 1001);
    now += 300_000;
    assert.equal(counts.get('all'), 1001);
    now += 300_001;
    assert.equal(counts.get('all'), undefined, 'never longer than maxAgeMs');
  });

  it('empties itself when it fell too far behind the feed to know what changed', () => {
    keep('all', 1001);
    for (let index = 0; index < 10_001; index++) feed.record(['help']);
    assert.equal(counts.get('all'), undefined);
  });

  it('keeps at most maxEntries lists, dropping the oldest', () => {
    for (const key of ['a', 'b', 'c', 'd']) keep(key, 1);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((key) => counts.get(key)),
      [undefined, 1, 1, 1],
    );
  });
});
