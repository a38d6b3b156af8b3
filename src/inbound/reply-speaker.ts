import type { Knex } from 'knex';
import type { ContactRepository } from '../contacts/repository.js';
import { speakingContact } from '../contacts/speaker.js';
import { sameAddress } from '../mail/address-key.js';
import type { HeldReason } from '../mail/templates.js';
import type { Recipient, Report } from '../reports/types.js';
import { contactStillTheirs, isDeactivatedStaff } from '../routing/speaks-for.js';
import type { StaffRepository } from '../staff/repository.js';
import type { SenderProof } from './sender-proof.js';

/** What deciding who speaks on a report by email reads: staff accounts and contacts. */
export interface SpeakerDeps {
  knex: Knex;
  contacts: Pick<ContactRepository, 'byEmail' | 'byIds'>;
  /** Staff accounts: one an admin deactivated (they left) speaks for no parish by email either. */
  staff: Pick<StaffRepository, 'byEmail'>;
}

/** Who may speak on the report through this address: its own recipient, or the parish's staff. */
export async function speaker(
  deps: SpeakerDeps,
  proof: SenderProof,
  from: string,
  report: Report,
  recipients: Recipient[],
): Promise<{ ok: true; recipient: Recipient } | { ok: false; reason: { code: HeldReason; detail: string } }> {
  if (!proof.proven) return { ok: false, reason: { code: 'not_proven', detail: proof.summary } };
  if (await isDeactivatedStaff(deps.staff, from))
    return { ok: false, reason: { code: 'not_staff', detail: from } };
  // The recipient the address was made for, or another recipient of the same report (a
  // colleague answering a forwarded email), while the address is still its contact's: one an
  // admin changed (the clerk left, or it was mistyped and reached a stranger) speaks no more.
  const own = recipients.find((recipient) => sameAddress(recipient.email, from));
  if (own && (await contactStillTheirs(deps, own, report))) return { ok: true, recipient: own };
  // Staff of the report's parish, or of the whole municipality, who were not sent it.
  const contact = speakingContact(await deps.contacts.byEmail(from), report);
  if (contact) return { ok: true, recipient: contact };
  return { ok: false, reason: { code: 'not_staff', detail: from || '?' } };
}

/**
 * Whether an answer to the sender ends with the staff footer: one the report was sent to, or
 * (when the sender may be believed, `believed`) a contact for reports. Anyone else (a resident,
 * a stranger) reads one that fits them.
 */
export async function isStaff(
  deps: Pick<SpeakerDeps, 'contacts'>,
  from: string,
  recipients: readonly Recipient[],
  believed: boolean,
): Promise<boolean> {
  if (recipients.some((recipient) => sameAddress(recipient.email, from))) return true;
  return believed && (await deps.contacts.byEmail(from)) !== undefined;
}
