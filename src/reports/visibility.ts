import { isOpen } from './states.js';
import type { Report } from './types.js';

/**
 * Whether anyone may see a report: confirmed, public, not hidden by staff, not held (a banned
 * sender's) and not withdrawn. The SQL twin of this rule is `publicOnly` in the repository.
 */
export function isPublic(
  report: Pick<Report, 'isPrivate' | 'hidden' | 'withdrawnAt' | 'status' | 'heldAt'>,
): boolean {
  return (
    !report.isPrivate &&
    !report.hidden &&
    report.heldAt === null &&
    !report.withdrawnAt &&
    report.status !== 'unconfirmed'
  );
}

/** Whether a resident may ask to follow a report by email: a public one that is still open. */
export function canBeFollowed(
  report: Pick<Report, 'isPrivate' | 'hidden' | 'withdrawnAt' | 'status' | 'heldAt'>,
): boolean {
  return isPublic(report) && isOpen(report.status);
}

/** A report anyone could see, but for a moderator hiding it: its page says so (and when). */
export const hiddenByModerator = (report: Report): report is Report & { hiddenAt: Date } =>
  report.hiddenAt !== null && isPublic({ ...report, hidden: false });

/** A report anyone could see, but for its sender withdrawing it. */
export const withdrawnBySender = (report: Report): report is Report & { withdrawnAt: Date } =>
  report.withdrawnAt !== null && isPublic({ ...report, withdrawnAt: null });
