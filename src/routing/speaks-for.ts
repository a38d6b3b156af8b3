import type { ContactRepository } from '../contacts/repository.js';
import { sameAddress } from '../mail/address-key.js';
import type { Queryable } from '../db/transaction.js';
import type { Recipient, Report } from '../reports/types.js';
import type { StaffRepository } from '../staff/repository.js';
import { mayReadPrivate } from './rules.js';

/*
 * Whether a report's recipient, as the report keeps it since it was sent, still answers for it, by
 * a reply or by a link in that email. Routing copied the address then; an admin may have changed
 * it since (the clerk left, or it was mistyped and reached a stranger), changed the contact's role,
 * or deactivated the staff account of that address.
 */

/**
 * Whether the recipient's contact still has its address and, on a private report, a role that may
 * read it (a social worker made a parish administrator may not). A recipient of no contact is kept.
 */
export async function contactStillTheirs(
  deps: { knex: Queryable; contacts: Pick<ContactRepository, 'byIds'> },
  recipient: Recipient,
  report: Pick<Report, 'isPrivate'>,
): Promise<boolean> {
  if (recipient.contactId === null) return true;
  const [contact] = await deps.contacts.byIds(deps.knex, [recipient.contactId]);
  if (!contact || !sameAddress(contact.email, recipient.email)) return false;
  return !report.isPrivate || mayReadPrivate(contact.role);
}

/** Whether the address is a staff account an admin deactivated: it speaks for no parish. */
export async function isDeactivatedStaff(
  staff: Pick<StaffRepository, 'byEmail'>,
  address: string,
): Promise<boolean> {
  return (await staff.byEmail(address))?.active === false;
}
