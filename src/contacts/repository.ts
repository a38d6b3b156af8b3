import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';

export const CONTACTS = 'contacts';

/** A contact of the municipality as routing and inbound mail know it. */
export interface Contact {
  id: number;
  role: string;
  name: string;
  email: string;
}

/** The municipality's contacts: parish administrations, social workers and its own administrators. */
export class ContactRepository {
  constructor(private readonly knex: Knex) {}

  /** These contacts, as a report's recipients are made from them. */
  async byIds(db: Queryable, ids: readonly number[]): Promise<Contact[]> {
    return (await db(CONTACTS).whereIn('id', ids).select('id', 'role', 'name', 'email')) as Contact[];
  }

  /** A contact of the municipality by address (routing's contacts), if it is not bouncing. */
  async byEmail(email: string): Promise<(Contact & { parishCode: string | null }) | undefined> {
    if (!email) return undefined;
    const row = (await this.knex(CONTACTS)
      .whereRaw('lower(email) = ?', [email.toLowerCase()])
      .whereNull('bouncing_since')
      .first('id', 'role', 'name', 'email', 'parish_code')) as
      (Contact & { parish_code: string | null }) | undefined;
    return row
      ? { id: row.id, role: row.role, name: row.name, email: row.email, parishCode: row.parish_code }
      : undefined;
  }

  /** The municipality's administrators (the `municipality` contacts), who are told what to act on. */
  async municipalityAdmins(db: Queryable): Promise<{ email: string; name: string }[]> {
    return (await db(CONTACTS).where({ role: 'municipality' }).select('email', 'name')) as {
      email: string;
      name: string;
    }[];
  }

  /** The social workers of a parish, for a held reply on a report that has none among its recipients. */
  async socialWorkers(parishCode: string): Promise<{ email: string; name: string }[]> {
    return (await this.knex(CONTACTS)
      .where({ role: 'social_worker', parish_code: parishCode })
      .whereNull('bouncing_since')
      .select('email', 'name')) as { email: string; name: string }[];
  }

  /** Marks the contacts with this address as bouncing; answers those that were not already. */
  async markBouncing(db: Queryable, email: string, now: Date): Promise<{ name: string; email: string }[]> {
    return (await db(CONTACTS)
      .whereRaw('lower(email) = lower(?)', [email])
      .whereNull('bouncing_since')
      .update({ bouncing_since: now })
      .returning(['name', 'email'])) as { name: string; email: string }[];
  }
}
