import type { Report } from '../../reports/types.js';
import type { MatchState } from '../types.js';

/** The states in which a match goes ahead; a request has at most one (a unique index says so). */
export const GOING_AHEAD: readonly MatchState[] = ['accepted', 'agreed', 'shared'];
/** The states in which a volunteer is busy with a match. */
export const OPEN_STATES: readonly MatchState[] = ['proposed', 'accepted', 'agreed', 'shared'];
/** A match no contact has been shared for yet: a withdrawal or a closed request stops it. */
export const UNDECIDED: readonly MatchState[] = ['proposed', 'accepted'];
/** A request's report in one of these needs no volunteer any more. */
export const CLOSED_STATUSES = ['resolved', 'closed'] as const;

/** Whether a request still wants a volunteer: not withdrawn, resolved or closed. */
export function stillAsked(report: Pick<Report, 'withdrawnAt' | 'status'>): boolean {
  return report.withdrawnAt === null && !(CLOSED_STATUSES as readonly string[]).includes(report.status);
}
