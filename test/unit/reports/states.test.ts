import assert from 'node:assert/strict';
import {
  canConfirm,
  canReporterReopen,
  canReporterResolve,
  canStaffMove,
  open311Status,
} from '../../../src/reports/states.js';
import { formatRef, normaliseRef } from '../../../src/reports/refs.js';

describe('report states', () => {
  it('leaves unconfirmed only by confirming', () => {
    assert.ok(canConfirm('unconfirmed'));
    assert.ok(!canConfirm('open'));
    for (const to of ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const) {
      assert.ok(!canStaffMove('unconfirmed', to), to);
    }
  });

  it('lets staff work a report forward and reopen a resolved or closed one', () => {
    assert.ok(canStaffMove('open', 'acknowledged'));
    assert.ok(canStaffMove('acknowledged', 'in_progress'));
    assert.ok(canStaffMove('in_progress', 'resolved'));
    assert.ok(canStaffMove('resolved', 'open'));
    assert.ok(canStaffMove('closed', 'open'));
    assert.ok(!canStaffMove('closed', 'resolved'));
    assert.ok(!canStaffMove('open', 'unconfirmed'));
  });

  it('lets the reporter say fixed while open, and not fixed after', () => {
    assert.ok(canReporterResolve('in_progress'));
    assert.ok(!canReporterResolve('resolved'));
    assert.ok(canReporterReopen('resolved'));
    assert.ok(canReporterReopen('closed'));
    assert.ok(!canReporterReopen('open'));
  });

  it('maps to the two Open311 states', () => {
    assert.equal(open311Status('acknowledged'), 'open');
    assert.equal(open311Status('in_progress'), 'open');
    assert.equal(open311Status('resolved'), 'closed');
    assert.equal(open311Status('closed'), 'closed');
  });
});

describe('report references', () => {
  it('look like RZN-2026-00042 and keep growing past five digits', () => {
    assert.equal(formatRef(2026, 42), 'RZN-2026-00042');
    assert.equal(formatRef(2027, 123456), 'RZN-2027-123456');
  });

  it('are read in any case and with spaces around, and nothing else is', () => {
    assert.equal(normaliseRef(' rzn-2026-00042 '), 'RZN-2026-00042');
    // Without its zeros, as a person reads it out or the list's search takes it.
    assert.equal(normaliseRef('RZN-2026-299'), 'RZN-2026-00299');
    assert.equal(normaliseRef('rzn-2026-042'), 'RZN-2026-00042');
    assert.equal(normaliseRef('RZN-2026-123456'), 'RZN-2026-123456');
    assert.equal(normaliseRef('RZN-2026-0'), undefined);
    assert.equal(normaliseRef('RZN-26-42'), undefined);
    assert.equal(normaliseRef("RZN-2026-00042' or 1=1"), undefined);
    assert.equal(normaliseRef(['RZN-2026-00042']), undefined);
  });
});
