import type { Report } from './types.js';

/**
 * Whether anyone may see a report: confirmed, public, not hidden by staff and not withdrawn. The
 * SQL twin of this rule is `publicOnly` in the repository.
 */
export function isPublic(report: Pick<Report, 'isPrivate' | 'hidden' | 'withdrawnAt' | 'status'>): boolean {
  return !report.isPrivate && !report.hidden && !report.withdrawnAt && report.status !== 'unconfirmed';
}
