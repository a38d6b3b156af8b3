import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { addressSpellings, storedAddress } from '../mail/address-key.js';
import type { ParishType } from '../reference/types.js';
import type { StaffContact, StaffMember, StaffRole } from './types.js';

export const STAFF = 'staff_members';

interface StaffRow {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  language: Language;
  active: boolean;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | string | null;
  failed_codes: number;
  locked_until: Date | null;
}

const rowToMember = (row: StaffRow): StaffMember => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  language: row.language,
  active: row.active,
  enrolled: row.totp_enrolled_at !== null,
  lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
});

/** What signing in needs beyond the member: the sealed secrets and the counters. */
export interface StaffSecrets {
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  failedCodes: number;
}

export class StaffRepository {
  constructor(private readonly knex: Knex) {}

  async byEmail(email: string): Promise<StaffMember | undefined> {
    // In any spelling of its domain (punycode or Unicode letters): a message's From may carry either.
    const row = (await this.knex(STAFF).whereIn('email', addressSpellings(email)).first()) as
      StaffRow | undefined;
    return row ? rowToMember(row) : undefined;
  }

  async byId(id: number, db: Queryable = this.knex): Promise<StaffMember | undefined> {
    const row = (await db(STAFF).where({ id }).first()) as StaffRow | undefined;
    return row ? rowToMember(row) : undefined;
  }

  async secrets(id: number, db: Queryable = this.knex, lock = false): Promise<StaffSecrets | undefined> {
    const query = db(STAFF).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as StaffRow | undefined;
    if (!row) return undefined;
    return {
      totpSecret: row.totp_secret,
      totpPendingSecret: row.totp_pending_secret,
      totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
      failedCodes: row.failed_codes,
    };
  }

  async list(): Promise<StaffMember[]> {
    return ((await this.knex(STAFF).orderBy('name')) as StaffRow[]).map(rowToMember);
  }

  async insert(
    db: Queryable,
    member: { email: string; name: string; role: StaffRole; language: Language },
    now: Date,
  ): Promise<StaffMember> {
    const [row] = (await db(STAFF)
      .insert({ ...member, email: storedAddress(member.email), created_at: now, updated_at: now })
      .returning('*')) as StaffRow[];
    return rowToMember(row!);
  }

  async update(
    db: Queryable,
    id: number,
    changes: Partial<{
      name: string;
      role: StaffRole;
      language: Language;
      active: boolean;
      totp_secret: string | null;
      totp_pending_secret: string | null;
      totp_enrolled_at: Date | null;
      totp_last_step: number | null;
      failed_codes: number;
      locked_until: Date | null;
    }>,
    now: Date,
  ): Promise<void> {
    await db(STAFF)
      .where({ id })
      .update({ ...changes, updated_at: now });
  }

  async contactsOf(staffId: number, db: Queryable = this.knex): Promise<StaffContact[]> {
    const rows = (await db('staff_contacts as sc')
      .join('contacts as c', 'c.id', 'sc.contact_id')
      .leftJoin('parishes as p', 'p.code', 'c.parish_code')
      .where('sc.staff_id', staffId)
      .orderBy('c.id')
      .select('c.id', 'c.role', 'c.parish_code', 'p.type as parish_type', 'c.name', 'c.email')) as {
      id: number;
      role: string;
      parish_code: string | null;
      parish_type: ParishType | null;
      name: string;
      email: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      role: row.role,
      parishCode: row.parish_code,
      parishType: row.parish_type,
      name: row.name,
      email: row.email,
    }));
  }

  /** The routing contacts with these codes (e.g. `kaunatas-social`), to link to a staff member. */
  async contactsByCode(codes: readonly string[]): Promise<{ id: number; code: string }[]> {
    if (codes.length === 0) return [];
    return (await this.knex('contacts')
      .whereIn('code', [...codes])
      .select('id', 'code')) as { id: number; code: string }[];
  }

  async setContacts(db: Queryable, staffId: number, contactIds: readonly number[]): Promise<void> {
    await db('staff_contacts').where({ staff_id: staffId }).delete();
    if (contactIds.length > 0)
      await db('staff_contacts').insert(
        contactIds.map((contactId) => ({ staff_id: staffId, contact_id: contactId })),
      );
  }

  /** Which contacts each staff member has, for the admin's list: staff id → contact ids. */
  async contactIdsByStaff(): Promise<Map<number, number[]>> {
    const rows = (await this.knex('staff_contacts').orderBy(['staff_id', 'contact_id'])) as {
      staff_id: number;
      contact_id: number;
    }[];
    const byStaff = new Map<number, number[]>();
    for (const row of rows) byStaff.set(row.staff_id, [...(byStaff.get(row.staff_id) ?? []), row.contact_id]);
    return byStaff;
  }
}
