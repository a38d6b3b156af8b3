import type { Knex } from 'knex';
import type { AuditAction, AuditValues } from '../../audit/fields.js';
import type { AuditRepository } from '../../audit/repository.js';
import type { Recipient, Report } from '../../reports/types.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { ForbiddenError, NotFoundError } from '../../web/errors.js';
import { accessFacts, canHandleReport } from '../access.js';
import type { StaffUser } from '../types.js';
import type { StaffReportService } from './service.js';

/** Why an action was refused, as the form says it (`staff.report.errors.<code>`). */
export class StaffActionError extends Error {
  constructor(
    readonly code:
      | 'duplicate_unknown'
      | 'duplicate_missing'
      | 'duplicate_self'
      | 'closeReasonAlone'
      | 'colleague'
      | 'parish'
      | 'category'
      | 'unmoved'
      | 'nothing'
      | 'nothingPrivate'
      | 'publicReason'
      | 'privateKind'
      | 'state'
      /** The status asked for is the report's already, with no answer or note beside it. */
      | 'statusAlready'
      /** An answer to a person whose data was erased: nobody is left to send it to. */
      | 'answerErased',
  ) {
    super(code);
    this.name = 'StaffActionError';
  }
}

/**
 * Staff speak on a report as the contact they are for its parish (a parish administration, a
 * social worker), or as the municipality: the timeline and the resident see the institution,
 * never a clerk's own name; the audit log keeps who it was.
 */
export function asRecipient(user: StaffUser, report: Report): Recipient {
  const own = user.contacts.find((contact) => contact.parishCode === report.parishCode);
  const anyone = own ?? user.contacts.find((contact) => contact.role === 'municipality');
  if (anyone)
    return {
      id: 0,
      contactId: anyone.id,
      role: anyone.role,
      name: anyone.name,
      email: anyone.email,
      language: user.language,
      parishType: anyone.parishType,
    };
  return {
    id: 0,
    contactId: null,
    role: 'municipality',
    name: '',
    email: user.email,
    language: user.language,
    parishType: null,
  };
}

/** What the audit log keeps of a report before and after an action. */
export const snapshot = (report: Report) => ({
  status: report.status,
  closeReason: report.closeReason,
  category: report.categoryCode,
  parish: report.parishCode,
  isPrivate: report.isPrivate,
  assignedStaffId: report.assignedStaffId,
});

/** An internal note on a report, written by a member of staff; never public, never emailed. */
export function addStaffNote(
  timeline: Pick<TimelineRepository, 'addUpdate'>,
  trx: Knex.Transaction,
  note: { user: Pick<StaffUser, 'name'>; reportId: number; text: string },
  now: Date,
): Promise<number> {
  return timeline.addUpdate(
    trx,
    {
      reportId: note.reportId,
      authorKind: 'staff',
      authorName: note.user.name,
      channel: 'web',
      internalNote: note.text,
      isPublic: false,
    },
    now,
  );
}

/** What every action on a report shares: who may act, its internal note, its audit row. */
export class ReportActionKit {
  constructor(
    private readonly deps: {
      view: Pick<StaffReportService, 'find'>;
      timeline: Pick<TimelineRepository, 'addUpdate'>;
      audit: Pick<AuditRepository, 'append'>;
    },
  ) {}

  /** The report, when the user may work on it; a report they may only see is refused. */
  async handled(user: StaffUser, ref: string): Promise<Report> {
    const { report, recipients } = await this.deps.view.find(user, ref);
    if (!canHandleReport(user, accessFacts(report, recipients)))
      throw new ForbiddenError('role', 'staff.errors.role');
    return report;
  }

  /** The report, when the user may see it; undefined when, for them, there is none by that number. */
  async seen(user: StaffUser, ref: string): Promise<Report | undefined> {
    try {
      return (await this.deps.view.find(user, ref)).report;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** An internal timeline row in the staff member's name (a system note, read in each reader's language). */
  note(trx: Knex.Transaction, user: StaffUser, report: Report, text: string, now: Date): Promise<number> {
    return addStaffNote(this.deps.timeline, trx, { user, reportId: report.id, text }, now);
  }

  audit<B extends object, A extends object>(
    trx: Knex.Transaction,
    user: StaffUser,
    action: AuditAction,
    report: Report,
    before: AuditValues<B>,
    after: AuditValues<A>,
    ip: string,
    now: Date,
  ) {
    return this.deps.audit.append(
      trx,
      { staffId: user.id, action, objectType: 'report', objectId: report.ref, before, after, ip },
      now,
    );
  }
}
