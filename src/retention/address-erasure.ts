import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { RawMailStore } from '../inbound/raw-store.js';
import { isSingleAddress } from '../mail/address.js';
import type { StaffUser } from '../staff/types.js';
import { ForbiddenError } from '../web/errors.js';
import { addressFiled, type AddressFiled } from './address-reports.js';
import type { AddressHolds, RetentionRepository } from './repository.js';

export type { AddressFiled } from './address-reports.js';
export type { AddressHolds } from './repository.js';

export interface AddressErasureDeps {
  knex: Knex;
  retention: Pick<RetentionRepository, 'addressHolds' | 'eraseAddress'>;
  audit: Pick<AuditRepository, 'append'>;
  /** The raw inbound mail (delivery reports, automatic answers) about an erased address goes. */
  rawMail: Pick<RawMailStore, 'delete'>;
  clock: () => Date;
}

/** The address an administrator typed, as it is compared: trimmed, in lower case; null when it is none. */
export function typedAddress(value: unknown): string | null {
  const address = typeof value === 'string' ? value.trim() : '';
  return isSingleAddress(address) ? address.toLowerCase() : null;
}

/**
 * A resident's right to erasure (GDPR art. 17) for one who follows reports or receives alerts by
 * email and asks to be removed outright, not only unsubscribed: an administrator, who answers the
 * request for the municipality, erases every follow and alert subscription of the address, with
 * the emails about them and the mail that came back about those. The audit row says how many,
 * never the address.
 */
export class AddressErasure {
  constructor(private readonly deps: AddressErasureDeps) {}

  /** How many follows and alert subscriptions the address has (`address` from `typedAddress`). */
  async holds(user: StaffUser, address: string): Promise<AddressHolds> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    return this.deps.retention.addressHolds(address);
  }

  /**
   * What the address filed, which this erasure leaves: its public reports, requests for help and
   * offers, each erased on its own page (listed so that the request can be answered in full).
   */
  async filed(user: StaffUser, address: string): Promise<AddressFiled> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    return addressFiled(this.deps.knex, address);
  }

  /** Erases them; answers how many went (none, when another admin was first or there were none). */
  async erase(user: StaffUser, address: string, ip: string): Promise<AddressHolds> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    const now = this.deps.clock();
    const rawKeys: string[] = [];
    const removed = await this.deps.knex.transaction(async (trx) => {
      const removed = await this.deps.retention.eraseAddress(trx, address, now, rawKeys);
      // Recorded even when nothing was found: the request was answered.
      await this.deps.audit.append(
        trx,
        { staffId: user.id, action: 'subscriber.erase', after: { ...removed }, ip },
        now,
      );
      return removed;
    });
    // The files go once the rows that named them are committed without them.
    for (const key of rawKeys) await this.deps.rawMail.delete(key);
    return removed;
  }
}
