import type { AuditFilter, AuditRecord, AuditRepository } from '../../audit/repository.js';
import type { StaffRepository } from '../../staff/repository.js';
import type { StaffMember } from '../../staff/types.js';

export const AUDIT_PAGE = 50;

export type AuditQuery = Omit<AuditFilter, 'limit'>;

/** One page of the audit log, newest first, and the id to read older rows from (if any). */
export interface AuditPage {
  records: AuditRecord[];
  olderThan: number | null;
}

/** The audit log as admins read it: filtered, newest first, 50 a page. Nothing here writes. */
export class AuditLog {
  constructor(
    private readonly deps: {
      audit: Pick<AuditRepository, 'list'>;
      staff: Pick<StaffRepository, 'list'>;
    },
  ) {}

  async page(query: AuditQuery): Promise<AuditPage> {
    // One row more than a page says whether there is an older page, without counting the log.
    const rows = await this.deps.audit.list({ ...query, limit: AUDIT_PAGE + 1 });
    const records = rows.slice(0, AUDIT_PAGE);
    return { records, olderThan: rows.length > AUDIT_PAGE ? records[records.length - 1]!.id : null };
  }

  /** Everyone who may appear in the log, for the "who" filter. */
  staff(): Promise<StaffMember[]> {
    return this.deps.staff.list();
  }
}
