import type { Knex } from 'knex';
import type { Contact } from '../contacts/repository.js';
import type { Queryable } from '../db/transaction.js';
import { sameAddress } from '../mail/address-key.js';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/index.js';
import type { ParishType } from '../reference/types.js';
import type { Recipient } from '../reports/types.js';
import type { RoutingRule } from './rules.js';

export const RULES = 'routing_rules';
export const RECIPIENTS = 'report_recipients';

/** A rule of the routing table with its id, as the admin lists and removes it. */
export interface RoutingRuleRecord extends RoutingRule {
  id: number;
}

interface RuleRow {
  id: number;
  parish_code: string | null;
  apvieniba_code: string | null;
  category_code: string | null;
  contact_id: number;
}

interface RecipientRow {
  id: number;
  report_id: number;
  contact_id: number | null;
  role: string;
  name: string;
  email: string;
  language: string | null;
  parish_type: ParishType | null;
}

const rowToRecipient = (row: RecipientRow): Recipient => ({
  id: row.id,
  contactId: row.contact_id,
  role: row.role,
  name: row.name,
  email: row.email,
  language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
  parishType: row.parish_type,
});

const rowToRule = (row: RuleRow): RoutingRuleRecord => ({
  id: row.id,
  parishCode: row.parish_code,
  apvienibaCode: row.apvieniba_code,
  categoryCode: row.category_code,
  contactId: row.contact_id,
});

/** The routing table, and the recipients each report was routed to (a copy of their contact). */
export class RoutingRepository {
  constructor(private readonly knex: Knex) {}

  async routingRules(db: Queryable): Promise<RoutingRule[]> {
    const rows = (await db(RULES).select(
      'parish_code',
      'apvieniba_code',
      'category_code',
      'contact_id',
    )) as Omit<RuleRow, 'id'>[];
    return rows.map((row) => ({
      parishCode: row.parish_code,
      apvienibaCode: row.apvieniba_code,
      categoryCode: row.category_code,
      contactId: row.contact_id,
    }));
  }

  /** Every rule with its id, in the order they were added. */
  async ruleRecords(db: Queryable = this.knex): Promise<RoutingRuleRecord[]> {
    return ((await db(RULES).orderBy('id')) as RuleRow[]).map(rowToRule);
  }

  async rule(db: Queryable, id: number, lock = false): Promise<RoutingRuleRecord | undefined> {
    const query = db(RULES).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as RuleRow | undefined;
    return row ? rowToRule(row) : undefined;
  }

  /** Adds a rule; undefined when the same rule is there already. */
  async insertRule(db: Queryable, rule: RoutingRule): Promise<number | undefined> {
    const [row] = (await db(RULES)
      .insert({
        parish_code: rule.parishCode,
        apvieniba_code: rule.apvienibaCode,
        category_code: rule.categoryCode,
        contact_id: rule.contactId,
      })
      .onConflict()
      .ignore()
      .returning('id')) as { id: number }[];
    return row?.id;
  }

  async deleteRule(db: Queryable, id: number): Promise<void> {
    await db(RULES).where({ id }).delete();
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

  /**
   * Removes the report's recipients but those of these addresses (in any case, compared here: SQL's
   * lower() leaves non-Latin capitals as they are under some database locales).
   */
  async removeRecipientsBut(db: Queryable, reportId: number, kept: readonly string[]): Promise<void> {
    const rows = (await db(RECIPIENTS).where({ report_id: reportId }).select('id', 'email')) as {
      id: number;
      email: string;
    }[];
    const gone = rows.filter((row) => !kept.some((email) => sameAddress(email, row.email)));
    if (gone.length > 0)
      await db(RECIPIENTS)
        .whereIn(
          'id',
          gone.map((row) => row.id),
        )
        .delete();
  }

  async recipients(reportId: number, db: Queryable = this.knex): Promise<Recipient[]> {
    const rows = await this.recipientRows(db).where({ 'r.report_id': reportId });
    return rows.map(rowToRecipient);
  }

  /**
   * The recipients of each of many reports in one query (a list that checks each report's
   * readers), each report's in the order they were added; a report routed to nobody has none.
   */
  async recipientsOf(
    reportIds: readonly number[],
    db: Queryable = this.knex,
  ): Promise<Map<number, Recipient[]>> {
    const found = new Map<number, Recipient[]>();
    if (reportIds.length === 0) return found;
    const rows = await this.recipientRows(db).whereIn('r.report_id', [...new Set(reportIds)]);
    for (const row of rows) {
      const reportId = Number(row.report_id);
      const list = found.get(reportId) ?? [];
      list.push(rowToRecipient(row));
      found.set(reportId, list);
    }
    return found;
  }

  private recipientRows(db: Queryable) {
    return db<RecipientRow>(`${RECIPIENTS} as r`)
      .leftJoin('contacts as c', 'c.id', 'r.contact_id')
      .leftJoin('parishes as p', 'p.code', 'c.parish_code')
      .orderBy('r.id')
      .select<RecipientRow[]>(
        'r.id',
        'r.report_id',
        'r.contact_id',
        'r.role',
        'r.name',
        'r.email',
        'c.language',
        'p.type as parish_type',
      );
  }
}
