import { mayReadPrivate } from '../routing/rules.js';
import type { Recipient, Report } from '../reports/types.js';
import type { Contact } from './repository.js';

/**
 * A contact who may speak on a report it was not sent: staff of the report's parish, or of the
 * whole municipality; on a private report (a request for help) only those who may read it, never
 * the parish administration. As a recipient of none of the report's own rows (id 0); undefined
 * otherwise.
 */
export function speakingContact(
  contact: (Contact & { parishCode: string | null }) | undefined,
  report: Pick<Report, 'parishCode' | 'isPrivate'>,
): Recipient | undefined {
  if (!contact || (contact.parishCode !== report.parishCode && contact.role !== 'municipality'))
    return undefined;
  if (report.isPrivate && !mayReadPrivate(contact.role)) return undefined;
  const { id, role, name, email, language, parishType } = contact;
  return { id: 0, contactId: id, role, name, email, language, parishType };
}
