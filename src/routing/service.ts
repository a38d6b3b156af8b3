import type { Contact, ContactRepository } from '../contacts/repository.js';
import type { Queryable } from '../db/transaction.js';
import type { ReferenceService } from '../reference/service.js';
import type { Recipient, Report } from '../reports/types.js';
import type { RoutingRepository } from './repository.js';
import { chooseRecipients, privateRecipients } from './rules.js';

/** Who receives a report: chosen by the routing table when it is confirmed, and kept with it. */
export class RoutingService {
  constructor(
    private readonly deps: {
      routing: Pick<
        RoutingRepository,
        'routingRules' | 'saveRecipients' | 'removeRecipientsBut' | 'recipients' | 'recipientsOf'
      >;
      contacts: Pick<ContactRepository, 'byIds'>;
      reference: Pick<ReferenceService, 'parish'>;
    },
  ) {}

  /** Chooses the recipients of a confirmed report and saves them, inside the caller's transaction. */
  async route(trx: Queryable, report: Report): Promise<Recipient[]> {
    return this.deps.routing.saveRecipients(trx, report.id, await this.choose(trx, report));
  }

  /**
   * Routes a report that moved to another category or parish: those the routing table now chooses
   * are its recipients, and those it no longer chooses stop being (an old parish's links and reply
   * address then no longer answer for it). Answers all its recipients, as `route` does.
   */
  async reroute(trx: Queryable, report: Report): Promise<Recipient[]> {
    const chosen = await this.choose(trx, report);
    await this.deps.routing.removeRecipientsBut(
      trx,
      report.id,
      chosen.map((contact) => contact.email),
    );
    return this.deps.routing.saveRecipients(trx, report.id, chosen);
  }

  private async choose(trx: Queryable, report: Report): Promise<Contact[]> {
    const { routing, contacts, reference } = this.deps;
    const parish = await reference.parish(report.parishCode);
    const rules = await routing.routingRules(trx);
    const contactIds = chooseRecipients(rules, {
      parishCode: report.parishCode,
      apvienibaCode: parish?.apvienibaCode ?? '',
      categoryCode: report.categoryCode,
    });
    if (!report.isPrivate) return contactIds.length > 0 ? contacts.byIds(trx, contactIds) : [];
    // A private report reaches only who may read it, whatever a rule says (routing/rules.ts).
    const novads = rules.filter((rule) => !rule.parishCode && !rule.apvienibaCode && !rule.categoryCode);
    const candidates = await contacts.byIds(trx, [...contactIds, ...novads.map((rule) => rule.contactId)]);
    const byId = new Map(candidates.map((contact) => [contact.id, contact]));
    const readers = privateRecipients(rules, contactIds, (id) => byId.get(id)?.role);
    return readers.map((id) => byId.get(id)!);
  }

  /** The recipients a report was routed to, in the order they were added. */
  recipients(reportId: number, db?: Queryable): Promise<Recipient[]> {
    return this.deps.routing.recipients(reportId, db);
  }

  /** The recipients of each of many reports, read at once. */
  recipientsOf(reportIds: readonly number[], db?: Queryable): Promise<Map<number, Recipient[]>> {
    return this.deps.routing.recipientsOf(reportIds, db);
  }
}
