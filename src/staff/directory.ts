import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { Language } from '../i18n/index.js';
import { isSingleAddress } from '../mail/address.js';
import type { StaffRepository } from './repository.js';
import type { StaffMember, StaffRole } from './types.js';

export class StaffError extends Error {
  constructor(readonly code: 'email' | 'exists' | 'contact' | 'name') {
    super(code);
    this.name = 'StaffError';
  }
}

export interface NewStaffMember {
  email: string;
  name: string;
  role: StaffRole;
  language: Language;
  /** Routing contacts (by code) that are this person's: their parishes and their email identity. */
  contactCodes: readonly string[];
}

/** Who the staff are: adding people and linking them to the contacts routing uses. */
export class StaffDirectory {
  constructor(
    private readonly deps: {
      knex: Knex;
      staff: StaffRepository;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  /** Adds a staff member; `by` is the admin who did it (null: the command line), from `ip`. */
  async add(member: NewStaffMember, by: number | null, ip: string | null = null): Promise<StaffMember> {
    const { staff, knex } = this.deps;
    const email = member.email.trim();
    if (!isSingleAddress(email)) throw new StaffError('email');
    if (member.name.trim() === '') throw new StaffError('name');
    if (await staff.byEmail(email)) throw new StaffError('exists');
    const contacts = await staff.contactsByCode(member.contactCodes);
    if (contacts.length !== new Set(member.contactCodes).size) throw new StaffError('contact');
    const now = this.deps.clock();
    return knex.transaction(async (trx) => {
      const created = await staff.insert(
        trx,
        { email, name: member.name.trim(), role: member.role, language: member.language },
        now,
      );
      await staff.setContacts(
        trx,
        created.id,
        contacts.map((contact) => contact.id),
      );
      await this.deps.audit.append(
        trx,
        {
          staffId: by,
          ip,
          action: 'staff.add',
          objectType: 'staff',
          objectId: created.id,
          after: { email, name: created.name, role: created.role, contacts: member.contactCodes },
        },
        now,
      );
      return created;
    });
  }
}
