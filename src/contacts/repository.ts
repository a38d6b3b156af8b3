import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/index.js';
import { isPlaceholderAddress } from '../mail/address.js';
import { addressSpellings, storedAddress } from '../mail/address-key.js';
import type { ParishType } from '../reference/types.js';

export const CONTACTS = 'contacts';

export const CONTACT_ROLES = ['parish_admin', 'social_worker', 'municipality'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** A contact of the municipality as routing and inbound mail know it. */
export interface Contact {
  id: number;
  role: string;
  name: string;
  email: string;
  /** The language of the emails the contact gets (Latvian unless an admin chose another). */
  language: Language;
  /** Whether its place is a parish or a town (officeRole names a town's office so); null for none. */
  parishType: ParishType | null;
}

/** Where an email to a contact goes, and in which language. */
export interface ContactAddress {
  email: string;
  name: string;
  language: Language;
}

const languageOf = (value: unknown): Language => (isLanguage(value) ? value : DEFAULT_LANGUAGE);

/** A contact's row joined with its parish's type (`parishes as p`). */
interface ContactJoinRow {
  id: number;
  role: string;
  name: string;
  email: string;
  language: unknown;
  parish_type: ParishType | null;
}

const rowToContact = (row: ContactJoinRow): Contact => ({
  id: row.id,
  role: row.role,
  name: row.name,
  email: row.email,
  language: languageOf(row.language),
  parishType: row.parish_type,
});

const addresses = (rows: { email: string; name: string; language: unknown }[]): ContactAddress[] =>
  rows.map((row) => ({ email: row.email, name: row.name, language: languageOf(row.language) }));

/** A contact with everything the admin sees and edits. */
export interface ContactRecord {
  id: number;
  code: string;
  role: ContactRole;
  parishCode: string | null;
  name: string;
  email: string;
  language: Language;
  bouncingSince: Date | null;
}

/** What an admin types for a contact; the code is given once, when it is added. */
export type ContactFields = Omit<ContactRecord, 'id' | 'code' | 'bouncingSince'>;

interface ContactRow {
  id: number;
  code: string;
  role: ContactRole;
  parish_code: string | null;
  name: string;
  email: string;
  language: Language;
  bouncing_since: Date | null;
}

const rowToRecord = (row: ContactRow): ContactRecord => ({
  id: row.id,
  code: row.code,
  role: row.role,
  parishCode: row.parish_code,
  name: row.name,
  email: row.email,
  language: row.language,
  bouncingSince: row.bouncing_since ? new Date(row.bouncing_since) : null,
});

const fieldsToRow = (fields: ContactFields) => ({
  role: fields.role,
  parish_code: fields.parishCode,
  name: fields.name,
  email: storedAddress(fields.email),
  language: fields.language,
});

/** The municipality's contacts: parish administrations, social workers and its own administrators. */
export class ContactRepository {
  constructor(private readonly knex: Knex) {}

  /** These contacts, as a report's recipients are made from them. */
  async byIds(db: Queryable, ids: readonly number[]): Promise<Contact[]> {
    const rows = (await db(`${CONTACTS} as c`)
      .leftJoin('parishes as p', 'p.code', 'c.parish_code')
      .whereIn('c.id', ids)
      .select(
        'c.id',
        'c.role',
        'c.name',
        'c.email',
        'c.language',
        'p.type as parish_type',
      )) as ContactJoinRow[];
    return rows.map(rowToContact);
  }

  /** A contact of the municipality by address (routing's contacts), if it is not bouncing. */
  async byEmail(email: string): Promise<(Contact & { parishCode: string | null }) | undefined> {
    if (!email) return undefined;
    const row = (await this.knex(`${CONTACTS} as c`)
      .leftJoin('parishes as p', 'p.code', 'c.parish_code')
      .whereIn('c.email', addressSpellings(email))
      .whereNull('c.bouncing_since')
      .first(
        'c.id',
        'c.role',
        'c.name',
        'c.email',
        'c.parish_code',
        'c.language',
        'p.type as parish_type',
      )) as (ContactJoinRow & { parish_code: string | null }) | undefined;
    return row ? { ...rowToContact(row), parishCode: row.parish_code } : undefined;
  }

  /** The municipality's administrators (the `municipality` contacts), who are told what to act on. */
  async municipalityAdmins(db: Queryable): Promise<ContactAddress[]> {
    return addresses(await db(CONTACTS).where({ role: 'municipality' }).select('email', 'name', 'language'));
  }

  /** The social workers of a parish, for a held reply on a report that has none among its recipients. */
  async socialWorkers(parishCode: string): Promise<ContactAddress[]> {
    return addresses(
      await this.knex(CONTACTS)
        .where({ role: 'social_worker', parish_code: parishCode })
        .whereNull('bouncing_since')
        .select('email', 'name', 'language'),
    );
  }

  /** Marks the contacts with this address as bouncing; answers those that were not already. */
  async markBouncing(db: Queryable, email: string, now: Date): Promise<{ name: string; email: string }[]> {
    return (await db(CONTACTS)
      .whereIn('email', addressSpellings(email))
      .whereNull('bouncing_since')
      .update({ bouncing_since: now })
      .returning(['name', 'email'])) as { name: string; email: string }[];
  }

  /** Every contact for the admin: the municipality's first, then by parish and role. */
  async all(): Promise<ContactRecord[]> {
    const rows = (await this.knex(CONTACTS)
      .orderByRaw('parish_code nulls first')
      .orderBy(['role', 'name', 'id'])) as ContactRow[];
    return rows.map(rowToRecord);
  }

  /** One contact; `lock` holds its row until the caller's transaction ends. */
  async record(db: Queryable, id: number, lock = false): Promise<ContactRecord | undefined> {
    const query = db(CONTACTS).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as ContactRow | undefined;
    return row ? rowToRecord(row) : undefined;
  }

  /** Adds a contact; undefined when its code is taken. */
  async insert(
    db: Queryable,
    contact: ContactFields & { code: string },
    now: Date,
  ): Promise<ContactRecord | undefined> {
    const [row] = (await db(CONTACTS)
      .insert({ code: contact.code, ...fieldsToRow(contact), created_at: now, updated_at: now })
      .onConflict('code')
      .ignore()
      .returning('*')) as ContactRow[];
    return row ? rowToRecord(row) : undefined;
  }

  /** Changes a contact; a new address is not known to bounce, so its mark goes with the old one. */
  async update(
    db: Queryable,
    id: number,
    fields: ContactFields,
    clearBouncing: boolean,
    now: Date,
  ): Promise<void> {
    await db(CONTACTS)
      .where({ id })
      .update({
        ...fieldsToRow(fields),
        ...(clearBouncing ? { bouncing_since: null } : {}),
        updated_at: now,
      });
  }

  /** The admin confirmed the address works again. */
  async clearBouncing(db: Queryable, id: number, now: Date): Promise<void> {
    await db(CONTACTS).where({ id }).update({ bouncing_since: null, updated_at: now });
  }

  /** How many contacts still have a placeholder address (example.org and the like), reaching no one. */
  async countPlaceholders(): Promise<number> {
    return (await this.all()).filter((contact) => isPlaceholderAddress(contact.email)).length;
  }

  async countBouncing(): Promise<number> {
    const [row] = (await this.knex(CONTACTS).whereNotNull('bouncing_since').count({ count: '*' })) as {
      count: number | string;
    }[];
    return Number(row?.count ?? 0);
  }
}
