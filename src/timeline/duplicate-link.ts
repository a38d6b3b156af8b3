import type { Knex } from 'knex';
import type { ReportRepository } from '../reports/repository.js';
import type { Report } from '../reports/types.js';
import type { SubscriptionRepository } from '../subscriptions/repository.js';
import type { TimelineRepository } from './repository.js';
import { systemNote } from './system-note.js';

/**
 * A report closed as a duplicate points to the one it repeats; its followers and its reporter
 * follow that one from now on, and that one's timeline notes it for staff.
 */
export async function linkDuplicate(
  deps: {
    reports: Pick<ReportRepository, 'byRef' | 'markDuplicate'>;
    subscriptions: Pick<SubscriptionRepository, 'moveAll'>;
    timeline: Pick<TimelineRepository, 'addUpdate'>;
  },
  trx: Knex.Transaction,
  report: Report,
  ref: string,
  now: Date,
): Promise<void> {
  const target = await deps.reports.byRef(ref, trx);
  if (!target || target.id === report.id) return;
  await deps.reports.markDuplicate(trx, report.id, target.id);
  const reporter =
    report.reporterEmail && !target.isPrivate
      ? { email: report.reporterEmail, name: report.reporterName, language: report.language }
      : null;
  // A held report (a banned sender's) was never public: closing it makes nobody follow another.
  if (!target.isPrivate && !report.heldAt)
    await deps.subscriptions.moveAll(trx, report.id, target.id, reporter, now);
  await deps.timeline.addUpdate(
    trx,
    {
      reportId: target.id,
      authorKind: 'system',
      channel: 'system',
      internalNote: systemNote({ note: 'duplicateOfThis', ref: report.ref }),
      isPublic: false,
    },
    now,
  );
}
