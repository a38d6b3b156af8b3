import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { RawMailStore } from '../inbound/raw-store.js';
import { isSingleAddress } from '../mail/address.js';
import { storedAddress } from '../mail/address-key.js';
import type { PhotoService } from '../photos/service.js';
import type { StaffUser } from '../staff/types.js';
import { ForbiddenError } from '../web/errors.js';
import { addressData } from './address-data.js';
import { addressCsv, addressJson, type AddressExportFormat } from './address-export.js';
import { addressFiled, type AddressFiled } from './address-reports.js';
import { addressUnproven, eraseUnproven, type AddressUnproven } from './address-unproven.js';
import type { AddressHolds, RetentionRepository } from './repository.js';

export type { AddressFiled } from './address-reports.js';

/** What erasing an address takes: its follows, alerts and their emails, and what it never proved. */
export type AddressTaken = AddressHolds & AddressUnproven;

export interface AddressErasureDeps {
  knex: Knex;
  retention: Pick<RetentionRepository, 'addressHolds' | 'eraseAddress'>;
  audit: Pick<AuditRepository, 'append'>;
  /** The raw inbound mail (delivery reports, automatic answers) about an erased address goes. */
  rawMail: Pick<RawMailStore, 'delete'>;
  /** The photos of its unconfirmed reports go with them. */
  photos: Pick<PhotoService, 'removeStored'>;
  clock: () => Date;
}

/**
 * The address an administrator typed, as every table keeps addresses (storedAddress: lower-cased by
 * JavaScript, its domain in one spelling); null when it is none.
 */
export function typedAddress(value: unknown): string | null {
  const address = typeof value === 'string' ? value.trim() : '';
  return isSingleAddress(address) ? storedAddress(address) : null;
}

/**
 * A resident's right to erasure (GDPR art. 17) for one who follows reports or receives alerts by
 * email and asks to be removed outright, not only unsubscribed: an administrator, who answers the
 * request for the municipality, erases every follow and alert subscription of the address, with
 * the emails about them and the mail that came back about those; and what the address never
 * proved, which no other page erases: its reports never confirmed, and its place as a volunteer's
 * new address still to be confirmed (`eraseUnproven`). The audit row says how many, never the
 * address.
 */
export class AddressErasure {
  constructor(private readonly deps: AddressErasureDeps) {}

  /** What erasing the address would take (`address` from `typedAddress`). */
  async holds(user: StaffUser, address: string): Promise<AddressTaken> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    return {
      ...(await this.deps.retention.addressHolds(address)),
      ...(await addressUnproven(this.deps.knex, address)),
    };
  }

  /**
   * What the address filed: its public reports, requests for help and offers, each erased on its
   * own page (listed so that the request can be answered in full), and its unconfirmed reports and
   * the offers waiting for it, which this erasure takes.
   */
  async filed(user: StaffUser, address: string): Promise<AddressFiled> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    return addressFiled(this.deps.knex, address);
  }

  /**
   * The resident's copy of what Tilts keeps about the address (GDPR art. 15: `address-data.ts`), as
   * a download; taking it is in the audit log (who, and the format; never the address).
   */
  async export(
    user: StaffUser,
    address: string,
    format: AddressExportFormat,
    ip: string,
  ): Promise<{ filename: string; contentType: string; body: string }> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    const now = this.deps.clock();
    const data = await addressData(this.deps.knex, address);
    await this.deps.audit.append(
      this.deps.knex,
      { staffId: user.id, action: 'subscriber.export', after: { format }, ip },
      now,
    );
    const day = now.toISOString().slice(0, 10);
    return format === 'json'
      ? {
          filename: `address-data-${day}.json`,
          contentType: 'application/json; charset=utf-8',
          body: addressJson(address, data, now),
        }
      : {
          filename: `address-data-${day}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: addressCsv(address, data, now),
        };
  }

  /** Erases them; answers how many went (none, when another admin was first or there were none). */
  async erase(user: StaffUser, address: string, ip: string): Promise<AddressTaken> {
    if (user.role !== 'admin') throw new ForbiddenError('role', 'staff.errors.role');
    const now = this.deps.clock();
    const rawKeys: string[] = [];
    const photoKeys: string[] = [];
    const removed = await this.deps.knex.transaction(async (trx) => {
      // First, so that the mail that came in about its deleted reports is forgotten with the rest.
      const unproven = await eraseUnproven(trx, address, now, photoKeys);
      const removed = {
        ...(await this.deps.retention.eraseAddress(trx, address, now, rawKeys)),
        ...unproven,
      };
      // Recorded even when nothing was found: the request was answered.
      await this.deps.audit.append(
        trx,
        { staffId: user.id, action: 'subscriber.erase', after: { ...removed }, ip },
        now,
      );
      return removed;
    });
    // The files go once the rows that named them are committed without them.
    await this.deps.photos.removeStored(photoKeys);
    for (const key of rawKeys) await this.deps.rawMail.delete(key);
    return removed;
  }
}
