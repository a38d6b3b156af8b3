import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { ContactRecord, ContactRepository } from '../../contacts/repository.js';
import type { ReferenceService } from '../../reference/service.js';
import type { Apvieniba, Category, Parish } from '../../reference/types.js';
import type { RoutingRepository, RoutingRuleRecord } from '../../routing/repository.js';
import {
  SCOPES,
  explainRecipients,
  mayReadPrivate,
  privateRecipients,
  scopeOf,
  type RoutingRule,
  type Scope,
} from '../../routing/rules.js';
import { NotFoundError } from '../../web/errors.js';
import { FormProblem, type Actor } from '../forms.js';

/** A rule as the admin reads it: its scope, named places and category, and its contact. */
export interface RuleView {
  id: number;
  scope: Scope;
  parish: Parish | undefined;
  apvieniba: Apvieniba | undefined;
  category: Category | undefined;
  contact: ContactRecord | undefined;
}

/** Who a report of this parish and category goes to, and the rules that decided it. */
export interface RoutingPreview {
  parish: Parish;
  category: Category;
  scope: Scope | null;
  /** One per address, as a report's recipients are saved: the contact and the rule that chose it. */
  recipients: { contact: ContactRecord; rule: RuleView }[];
  /** Rules that match too but belong to a less specific scope. */
  outranked: RuleView[];
}

const auditView = ({ id: _id, ...rule }: RoutingRuleRecord) => rule;

/** The routing table: rules listed by scope, added and removed, and the preview of a decision. */
export class RoutingAdmin {
  constructor(
    private readonly deps: {
      knex: Knex;
      routing: Pick<RoutingRepository, 'ruleRecords' | 'rule' | 'insertRule' | 'deleteRule'>;
      contacts: Pick<ContactRepository, 'all'>;
      reference: Pick<ReferenceService, 'apvienibas' | 'categories'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  /** Every rule, most specific scope first. */
  async groups(): Promise<{ scope: Scope; rules: RuleView[] }[]> {
    const [rules, describe] = await Promise.all([this.deps.routing.ruleRecords(), this.describer()]);
    const views = rules.map(describe);
    return SCOPES.map((scope) => ({ scope, rules: views.filter((rule) => rule.scope === scope) }));
  }

  async add(rule: RoutingRule, actor: Actor): Promise<void> {
    const { knex, routing, audit } = this.deps;
    await this.refuseParishOfficeForPrivate(rule);
    const now = this.deps.clock();
    await knex.transaction(async (trx) => {
      const id = await routing.insertRule(trx, rule);
      if (id === undefined) throw new FormProblem('contact', 'admin.routing.errors.exists');
      await audit.append(
        trx,
        { ...actor, action: 'routing-rule.add', objectType: 'routing-rule', objectId: id, after: rule },
        now,
      );
    });
  }

  /** A rule named in words (places, category, contact), for the page that asks before removing it. */
  async ruleView(id: number): Promise<RuleView> {
    const [rule, describe] = await Promise.all([
      this.deps.routing.rule(this.deps.knex, id),
      this.describer(),
    ]);
    if (!rule) throw new NotFoundError();
    return describe(rule);
  }

  /** Removes a rule; false for the last novads-wide default, without which a report could reach nobody. */
  async remove(id: number, actor: Actor): Promise<boolean> {
    const { knex, routing, audit } = this.deps;
    const now = this.deps.clock();
    return knex.transaction(async (trx) => {
      const before = await routing.rule(trx, id, true);
      if (!before) throw new NotFoundError();
      if (scopeOf(before) === 'novads') {
        const defaults = (await routing.ruleRecords(trx)).filter((rule) => scopeOf(rule) === 'novads');
        if (defaults.length <= 1) return false;
      }
      await routing.deleteRule(trx, id);
      await audit.append(
        trx,
        {
          ...actor,
          action: 'routing-rule.remove',
          objectType: 'routing-rule',
          objectId: id,
          before: auditView(before),
        },
        now,
      );
      return true;
    });
  }

  /** Exactly what `RoutingService.route` would choose for a report confirmed now. */
  async preview(parish: Parish, category: Category): Promise<RoutingPreview> {
    const [rules, describe] = await Promise.all([this.deps.routing.ruleRecords(), this.describer()]);
    const explained = explainRecipients(rules, {
      parishCode: parish.code,
      apvienibaCode: parish.apvienibaCode,
      categoryCode: category.code,
    });
    const recipients: RoutingPreview['recipients'] = [];
    const addresses = new Set<string>();
    const roles = new Map((await this.deps.contacts.all()).map((contact) => [contact.id, contact.role]));
    const chosen =
      category.visibility === 'private'
        ? privateRecipients(rules, explained.contactIds, (id) => roles.get(id))
        : explained.contactIds;
    for (const contactId of chosen) {
      const deciding = [...explained.deciding, ...rules].find(
        (candidate) => candidate.contactId === contactId,
      )!;
      const rule = describe(deciding);
      // A report keeps one recipient per address (report_recipients is unique by address).
      if (!rule.contact || addresses.has(rule.contact.email)) continue;
      addresses.add(rule.contact.email);
      recipients.push({ contact: rule.contact, rule });
    }
    return {
      parish,
      category,
      scope: explained.scope,
      recipients,
      outranked: explained.outranked.map(describe),
    };
  }

  /** A private category's reports reach only a social worker or the municipality (routing/rules.ts). */
  private async refuseParishOfficeForPrivate(rule: RoutingRule): Promise<void> {
    if (!rule.categoryCode) return;
    const [categories, contacts] = await Promise.all([
      this.deps.reference.categories(),
      this.deps.contacts.all(),
    ]);
    const category = categories.find((candidate) => candidate.code === rule.categoryCode);
    const contact = contacts.find((candidate) => candidate.id === rule.contactId);
    if (category?.visibility === 'private' && contact && !mayReadPrivate(contact.role))
      throw new FormProblem('contact', 'admin.routing.errors.privateReader');
  }

  /** Names the places, category and contact of rules, from data read once. */
  private async describer(): Promise<(rule: RoutingRuleRecord) => RuleView> {
    const [apvienibas, categories, contacts] = await Promise.all([
      this.deps.reference.apvienibas(),
      this.deps.reference.categories(),
      this.deps.contacts.all(),
    ]);
    const parishes = new Map(apvienibas.flatMap((a) => a.parishes).map((parish) => [parish.code, parish]));
    const byCode = <T extends { code: string }>(items: readonly T[]) =>
      new Map(items.map((item) => [item.code, item]));
    const apvienibaOf = byCode(apvienibas);
    const categoryOf = byCode(categories);
    const contactOf = new Map(contacts.map((contact) => [contact.id, contact]));
    return (rule) => ({
      id: rule.id,
      scope: scopeOf(rule),
      parish: rule.parishCode ? parishes.get(rule.parishCode) : undefined,
      apvieniba: rule.apvienibaCode ? apvienibaOf.get(rule.apvienibaCode) : undefined,
      category: rule.categoryCode ? categoryOf.get(rule.categoryCode) : undefined,
      contact: contactOf.get(rule.contactId),
    });
  }
}
