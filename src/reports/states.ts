import type { Status } from './types.js';

// Who may move a report where. Staff and parish recipients drive the work; the reporter may only
// say it is fixed or not fixed after all; confirming is the only way out of `unconfirmed`.
const STAFF_TRANSITIONS: Record<Status, readonly Status[]> = {
  unconfirmed: [],
  open: ['acknowledged', 'in_progress', 'resolved', 'closed'],
  acknowledged: ['in_progress', 'resolved', 'closed'],
  in_progress: ['acknowledged', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export const OPEN_STATUSES: readonly Status[] = ['open', 'acknowledged', 'in_progress'];

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

export function canStaffMove(from: Status, to: Status): boolean {
  return STAFF_TRANSITIONS[from].includes(to);
}

export function canConfirm(from: Status): boolean {
  return from === 'unconfirmed';
}

export function canReporterResolve(from: Status): boolean {
  return isOpen(from);
}

export function canReporterReopen(from: Status): boolean {
  return from === 'resolved' || from === 'closed';
}

/** Open311 has only two states. */
export function open311Status(status: Status): 'open' | 'closed' {
  return isOpen(status) ? 'open' : 'closed';
}
