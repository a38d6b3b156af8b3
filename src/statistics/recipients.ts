import { officeRole } from '../contacts/office-role.js';
import type { Contact, ContactRepository } from '../contacts/repository.js';
import type { Queryable } from '../db/transaction.js';
import type { Category, Parish } from '../reference/types.js';
import type { RoutingRepository } from '../routing/repository.js';
import { chooseRecipients } from '../routing/rules.js';

/** Who receives a report, as a public page may say it: an office's name, or a person's role only. */
export interface PublicRecipient {
  role: string;
  /** The office's name (a parish administration, the municipality); null for a social worker. */
  name: string | null;
}

/** The categories whose reports go to the same recipients. */
export interface RecipientGroup {
  categories: Category[];
  recipients: PublicRecipient[];
}

export interface RecipientDeps {
  db: Queryable;
  routing: Pick<RoutingRepository, 'routingRules'>;
  contacts: Pick<ContactRepository, 'byIds'>;
}

/** A social worker is a person handling sensitive matters: their role is enough, as on a report's page. */
const publicRecipient = (contact: Contact): PublicRecipient => ({
  role: officeRole(contact.role, contact.parishType),
  name: contact.role === 'social_worker' ? null : contact.name,
});

/**
 * Who receives a place's reports, category by category, by the routing table's own rule
 * (`chooseRecipients`); categories with the same recipients are grouped. Addresses never leave here.
 */
export class RecipientsService {
  constructor(private readonly deps: RecipientDeps) {}

  async ofParishes(parishes: readonly Parish[], categories: readonly Category[]) {
    const { db, routing, contacts } = this.deps;
    const rules = await routing.routingRules(db);
    const active = categories.filter((category) => category.active);
    const chosen = parishes.map((parish) =>
      active.map((category) => ({
        category,
        ids: chooseRecipients(rules, {
          parishCode: parish.code,
          apvienibaCode: parish.apvienibaCode,
          categoryCode: category.code,
        }),
      })),
    );
    const ids = [...new Set(chosen.flat().flatMap((choice) => choice.ids))];
    const known = new Map((ids.length > 0 ? await contacts.byIds(db, ids) : []).map((c) => [c.id, c]));
    return parishes.map((parish, index) => ({ parish, groups: groupByRecipients(chosen[index]!, known) }));
  }
}

function groupByRecipients(
  choices: readonly { category: Category; ids: number[] }[],
  contacts: ReadonlyMap<number, Contact>,
): RecipientGroup[] {
  const groups = new Map<string, RecipientGroup>();
  for (const { category, ids } of choices) {
    const recipients = ids.flatMap((id) => {
      const contact = contacts.get(id);
      return contact ? [publicRecipient(contact)] : [];
    });
    const key = JSON.stringify(recipients);
    const group = groups.get(key);
    if (group) group.categories.push(category);
    else groups.set(key, { categories: [category], recipients });
  }
  return [...groups.values()];
}
