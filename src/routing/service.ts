import type { ContactRepository } from '../contacts/repository.js';
import type { Queryable } from '../db/transaction.js';
import type { ReferenceService } from '../reference/service.js';
import type { Recipient, Report } from '../reports/types.js';
import type { RoutingRepository } from './repository.js';
import { chooseRecipients, privateRecipients } from './rules.js';

/** Who receives a report: chosen by the routing table when it is confirmed, and kept with it. */
export class RoutingService {
  constructor(
    private readonly deps: {
      routing: Pick<RoutingRepository, 'routingRules' | 'saveRecipients' | 'recipients' | 'recipientsOf'>;
      contacts: Pick<ContactRepository, 'byIds'>;
      reference: Pick<ReferenceService, 'parish'>;
    },
  ) {}

  /** Chooses the recipients of a confirmed report and saves them, inside the caller's transaction. */
  async route(trx: Queryable, report: Report): Promise<Recipient[]> {
    const { routing, contacts, reference } = this.deps;
    const parish = await reference.parish(report.parishCode);
    const rules = await routing.routingRules(trx);
    const contactIds = chooseRecipients(rules, {
      parishCode: report.parishCode,
      apvienibaCode: parish?.apvienibaCode ?? '',
      categoryCode: report.categoryCode,
    });
    if (!report.isPrivate) {
      const chosen = contactIds.length > 0 ? await contacts.byIds(trx, contactIds) : [];
      return routing.saveRecipients(trx, report.id, chosen);
    }
    // A private report reaches only who may read it, whatever a rule says (routing/rules.ts).
    const novads = rules.filter((rule) => !rule.parishCode && !rule.apvienibaCode && !rule.categoryCode);
    const candidates = await contacts.byIds(trx, [...contactIds, ...novads.map((rule) => rule.contactId)]);
    const byId = new Map(candidates.map((contact) => [contact.id, contact]));
    const readers = privateRecipients(rules, contactIds, (id) => byId.get(id)?.role);
    return routing.saveRecipients(
      trx,
      report.id,
      readers.map((id) => byId.get(id)!),
    );
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
