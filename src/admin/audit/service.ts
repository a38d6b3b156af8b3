import type { AuditFilter, AuditRecord, AuditRepository } from '../../audit/repository.js';
import type { ContactRepository } from '../../contacts/repository.js';
import type { Language } from '../../i18n/index.js';
import type { ReferenceService } from '../../reference/service.js';
import type { StaffRepository } from '../../staff/repository.js';
import { referenceNames } from '../../staff/reports/view.js';
import type { StaffMember } from '../../staff/types.js';
import type { AuditNames } from './words.js';

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
      reference: Pick<ReferenceService, 'categories' | 'apvienibas'>;
      contacts: Pick<ContactRepository, 'all'>;
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

  /**
   * The names of what entries refer to by code or id (categories, places, staff, contacts), in a
   * language; given the staff already read for the filter.
   */
  async names(language: Language, staff: readonly StaffMember[]): Promise<AuditNames> {
    const [reference, contacts] = await Promise.all([
      referenceNames(this.deps.reference, language),
      this.deps.contacts.all(),
    ]);
    const known = <T>(value: T | undefined, code: string) => (value === code ? undefined : value);
    return {
      category: (code) => known(reference.category(code), code),
      parish: (code) => known(reference.parish(code), code),
      apvieniba: (code) => reference.apvienibas.find((item) => item.code === code)?.names[language],
      staff: (id) => staff.find((member) => member.id === id)?.name,
      contact: (idOrCode) =>
        contacts.find((contact) => contact.id === idOrCode || contact.code === idOrCode)?.name,
    };
  }
}
