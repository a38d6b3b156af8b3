import type { Knex } from 'knex';
import type { Contact } from '../contacts/repository.js';
import type { Queryable } from '../db/transaction.js';
import type { Recipient } from '../reports/types.js';
import type { RoutingRule } from './rules.js';

export const RULES = 'routing_rules';
export const RECIPIENTS = 'report_recipients';

interface RuleRow {
  parish_code: string | null;
  apvieniba_code: string | null;
  category_code: string | null;
  contact_id: number;
}

interface RecipientRow {
  id: number;
  contact_id: number | null;
  role: string;
  name: string;
  email: string;
}

/** The routing table, and the recipients each report was routed to (a copy of their contact). */
export class RoutingRepository {
  constructor(private readonly knex: Knex) {}

  async routingRules(db: Queryable): Promise<RoutingRule[]> {
    const rows = (await db(RULES).select(
      'parish_code',
      'apvieniba_code',
      'category_code',
      'contact_id',
    )) as RuleRow[];
    return rows.map((row) => ({
      parishCode: row.parish_code,
      apvienibaCode: row.apvieniba_code,
      categoryCode: row.category_code,
      contactId: row.contact_id,
    }));
  }

  /** Adds these contacts to the report's recipients (once per address); answers all its recipients. */
  async saveRecipients(db: Queryable, reportId: number, contacts: readonly Contact[]): Promise<Recipient[]> {
    if (contacts.length > 0) {
      await db(RECIPIENTS)
        .insert(
          contacts.map((contact) => ({
            report_id: reportId,
            contact_id: contact.id,
            role: contact.role,
            name: contact.name,
            email: contact.email,
          })),
        )
        .onConflict(['report_id', 'email'])
        .ignore();
    }
    return this.recipients(reportId, db);
  }

  async recipients(reportId: number, db: Queryable = this.knex): Promise<Recipient[]> {
    const rows = (await db(RECIPIENTS).where({ report_id: reportId }).orderBy('id')) as RecipientRow[];
    return rows.map((row) => ({
      id: row.id,
      contactId: row.contact_id,
      role: row.role,
      name: row.name,
      email: row.email,
    }));
  }
}
