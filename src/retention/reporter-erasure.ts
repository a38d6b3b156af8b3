import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { RawMailStore } from '../inbound/raw-store.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Report } from '../reports/types.js';
import type { StaffUser } from '../staff/types.js';
import { ForbiddenError, NotFoundError } from '../web/errors.js';
import type { RetentionRepository } from './repository.js';

export interface ReporterErasureDeps {
  knex: Knex;
  retention: Pick<RetentionRepository, 'eraseReporter'>;
  reports: Pick<ReportRepository, 'byRef'>;
  audit: Pick<AuditRepository, 'append'>;
  /** The raw copies of delivery reports about emails to the reporter go. */
  rawMail: Pick<RawMailStore, 'delete'>;
  clock: () => Date;
}

/** Whether a report has a reporter left to erase: a name or a way to reach them. */
export const hasReporter = (report: Pick<Report, 'reporterName' | 'reporterEmail' | 'reporterPhone'>) =>
  Boolean(report.reporterName || report.reporterEmail || report.reporterPhone);

/**
 * A resident's right to erasure (GDPR art. 17) for the reporter of a public report, before
 * `REPORT_RETENTION_DAYS` would take their data: an administrator, who answers the resident's
 * request for the municipality, erases it. A request for help, private, is erased from its own page
 * by its social worker or an administrator (help/requests), which takes the person's words too.
 */
export class ReporterErasure {
  constructor(private readonly deps: ReporterErasureDeps) {}

  /** The public report whose reporter may be erased; 404 for a private one or none. */
  async report(user: StaffUser, ref: string): Promise<Report> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    const report = await this.deps.reports.byRef(ref);
    if (!report || report.isPrivate || report.status === 'unconfirmed') throw new NotFoundError();
    return report;
  }

  /** Erases the reporter; false when there was no one left to erase. The audit row holds no personal data. */
  async erase(user: StaffUser, ref: string, ip: string): Promise<boolean> {
    const report = await this.report(user, ref);
    const now = this.deps.clock();
    const rawKeys: string[] = [];
    const erased = await this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.retention.eraseReporter(trx, report.id, now, rawKeys))) return false;
      await this.deps.audit.append(
        trx,
        {
          staffId: user.id,
          action: 'report.reporter-erase',
          objectType: 'report',
          objectId: report.ref,
          after: { status: report.status },
          ip,
        },
        now,
      );
      return true;
    });
    // The files go once the rows that named them are committed without them.
    for (const key of rawKeys) await this.deps.rawMail.delete(key);
    return erased;
  }
}
