import assert from 'node:assert/strict';
import { repeatsLast } from '../../../src/staff/reports/repeated.js';
import type { StaffWriting } from '../../../src/timeline/repository.js';

const last = (over: Partial<StaffWriting> = {}): StaffWriting => ({
  toStatus: 'in_progress',
  publicText: 'Darbi sāksies pirmdien.',
  internalNote: null,
  createdAt: new Date('2026-12-03T10:00:00Z'),
  ...over,
});

describe('an update sent again (Back, then Save)', () => {
  it('is the status change the report already has, with the same words', () => {
    assert.ok(
      repeatsLast(last(), { status: 'in_progress', publicText: ' Darbi sāksies pirmdien.\n' }, 'in_progress'),
    );
  });

  it('is words alone when the last update changed no status, or asked for the status the report had', () => {
    const words = last({ toStatus: null });
    assert.ok(repeatsLast(words, { publicText: 'Darbi sāksies pirmdien.' }, 'open'));
    assert.ok(repeatsLast(words, { status: 'open', publicText: 'Darbi sāksies pirmdien.' }, 'open'));
  });

  it('is the same words with no status asked after the update that made the report’s status (Back re-reads the page, where that status is no longer offered)', () => {
    assert.ok(repeatsLast(last(), { publicText: 'Darbi sāksies pirmdien.' }, 'in_progress'));
    assert.ok(
      repeatsLast(last({ toStatus: 'resolved' }), { publicText: 'Darbi sāksies pirmdien.' }, 'resolved'),
    );
  });

  it('is not a status still to make, other words, a note more, or a first update', () => {
    assert.ok(
      !repeatsLast(last(), { status: 'resolved', publicText: 'Darbi sāksies pirmdien.' }, 'in_progress'),
    );
    assert.ok(!repeatsLast(last(), { status: 'in_progress', publicText: 'Otrdien.' }, 'in_progress'));
    assert.ok(
      !repeatsLast(
        last(),
        { status: 'in_progress', publicText: 'Darbi sāksies pirmdien.', internalNote: 'Jānis' },
        'in_progress',
      ),
    );
    assert.ok(!repeatsLast(last(), { publicText: 'Darbi sāksies pirmdien.' }, 'resolved'));
    assert.ok(!repeatsLast(undefined, { publicText: 'Darbi sāksies pirmdien.' }, 'open'));
  });
});
