import { scopeOf } from './session.js';
import type { StaffContact, StaffRole, StaffUser } from './types.js';

/*
 * Who may see and do what, as plain rules on the object itself: every staff route checks the
 * report (or message, or colleague) it names, not only the role.
 *
 * - admin: everything.
 * - moderator: every public report (to hide abuse), never a private one.
 * - social worker: every report of their parishes, private ones included.
 * - parish clerk: the public reports of their parish, and the private ones routed to them.
 */

export interface ReportAccessFacts {
  parishCode: string;
  isPrivate: boolean;
  /** The contact ids the report was routed to. */
  recipientContactIds: readonly number[];
}

/** The facts of a report and of whom it was routed to, as the rules below read them. */
export function accessFacts(
  report: { parishCode: string; isPrivate: boolean },
  recipients: readonly { contactId: number | null }[],
): ReportAccessFacts {
  return {
    parishCode: report.parishCode,
    isPrivate: report.isPrivate,
    recipientContactIds: recipients.flatMap((recipient) =>
      recipient.contactId ? [recipient.contactId] : [],
    ),
  };
}

type Who = Pick<StaffUser, 'role' | 'parishes'> & { contacts: readonly Pick<StaffContact, 'id'>[] };

export function coversParish(user: Pick<StaffUser, 'parishes'>, parishCode: string): boolean {
  return user.parishes === 'all' || user.parishes.includes(parishCode);
}

export function canSeeReport(user: Who, report: ReportAccessFacts): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'moderator':
      return !report.isPrivate;
    case 'social_worker':
      return coversParish(user, report.parishCode);
    case 'parish_clerk': {
      if (!coversParish(user, report.parishCode)) return false;
      if (!report.isPrivate) return true;
      const own = new Set(user.contacts.map((contact) => contact.id));
      return report.recipientContactIds.some((id) => own.has(id));
    }
  }
}

/** Working on a report (status, answers, notes, moving, assigning): those who handle it, and admins. */
export function canHandleReport(user: Who, report: ReportAccessFacts): boolean {
  return user.role !== 'moderator' && canSeeReport(user, report);
}

/** Hiding and showing again: moderators and admins. */
export function canModerate(user: Pick<StaffUser, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'moderator';
}

/** Making a private report public again needs a recorded reason and one of these roles. */
export function canMakePublic(user: Pick<StaffUser, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'social_worker';
}

/** The roles that may be assigned a report (moderators handle none). */
export const HANDLING_ROLES: readonly StaffRole[] = ['admin', 'social_worker', 'parish_clerk'];

/**
 * Whether a report may be assigned to this colleague: one of a role that handles reports, who may
 * see it and answers for its parish. The assignment checks it, and the report's page offers no other.
 */
export function mayBeAssigned(
  colleague: { role: StaffRole; contacts: readonly Pick<StaffContact, 'id' | 'role' | 'parishCode'>[] },
  report: ReportAccessFacts,
): boolean {
  const who = { ...colleague, parishes: scopeOf(colleague.role, colleague.contacts) };
  return (
    HANDLING_ROLES.includes(who.role) && canSeeReport(who, report) && coversParish(who, report.parishCode)
  );
}
