import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { ContactRepository } from '../../contacts/repository.js';
import type { Queryable } from '../../db/transaction.js';
import type { CategorySettings, ReferenceRepository } from '../../reference/repository.js';
import type { ReferenceService } from '../../reference/service.js';
import type { RoutingRepository } from '../../routing/repository.js';
import { NotFoundError } from '../../web/errors.js';
import { FormProblem, type Actor } from '../forms.js';
import {
  PrivateReportsToConfirm,
  countPublishedReports,
  makeCategoryReportsPrivate,
} from './private-reports.js';
import type { CategoryInput, NewCategoryInput } from './schema.js';

/** What the audit log keeps of a category. */
const auditView = (category: Omit<CategorySettings, 'sort'>) => ({
  code: category.code,
  kind: category.kind,
  visibility: category.visibility,
  names: category.names,
  targetDays: category.targetDays,
  active: category.active,
});

/**
 * Categories as the admin keeps them. Every page reads them through the reference cache, so after a
 * change commits the cache is loaded again. A category that becomes private gets, in each parish,
 * a rule of its own to that parish's social workers: a request for help for a person must never
 * reach the parish administration by the parish's general rule. Its public reports become private
 * (private-reports.ts), once the admin has confirmed it; a category made public again leaves its
 * reports private.
 */
export class CategoryAdmin {
  constructor(
    private readonly deps: {
      knex: Knex;
      categories: Pick<
        ReferenceRepository,
        'categorySettings' | 'categorySettingsOf' | 'insertCategory' | 'updateCategory'
      >;
      cache: Pick<ReferenceService, 'reload'>;
      contacts: Pick<ContactRepository, 'all'>;
      routing: Pick<RoutingRepository, 'insertRule'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  list(): Promise<CategorySettings[]> {
    return this.deps.categories.categorySettings();
  }

  async find(code: string): Promise<CategorySettings> {
    const category = await this.deps.categories.categorySettingsOf(this.deps.knex, code);
    if (!category) throw new NotFoundError();
    return category;
  }

  async add(input: NewCategoryInput, actor: Actor): Promise<void> {
    const { knex, categories, audit } = this.deps;
    const now = this.deps.clock();
    const socialWorkers = input.visibility === 'private' ? await this.socialWorkers() : [];
    const existing = await categories.categorySettings();
    if (existing.some((other) => other.code === input.code))
      throw new FormProblem('code', 'admin.categories.errors.codeTaken');
    refuseTakenName(existing, input.names);
    await knex.transaction(async (trx) => {
      if (!(await categories.insertCategory(trx, input)))
        throw new FormProblem('code', 'admin.categories.errors.codeTaken');
      const { reason: _reason, ...after } = input;
      await audit.append(
        trx,
        { ...actor, action: 'category.add', objectType: 'category', objectId: input.code, after },
        now,
      );
      await this.routeToSocialWorkers(trx, input.code, socialWorkers, actor, now);
    });
    await this.deps.cache.reload();
  }

  /**
   * Saves the category. Making it private while the public sees some of its reports needs
   * `confirmed`: without it nothing changes and `PrivateReportsToConfirm` says how many they are.
   * They are counted under the category's lock, so no save that was not confirmed takes a report
   * from the public; a confirmed one takes every report public at that moment, however many.
   */
  async update(code: string, input: CategoryInput, actor: Actor, confirmed = false): Promise<void> {
    const { knex, categories, audit } = this.deps;
    const now = this.deps.clock();
    const socialWorkers = input.visibility === 'private' ? await this.socialWorkers() : [];
    refuseTakenName(await categories.categorySettings(), input.names, code);
    await knex.transaction(async (trx) => {
      const before = await categories.categorySettingsOf(trx, code, true);
      if (!before) throw new NotFoundError();
      const madePublic = before.visibility === 'private' && input.visibility === 'public';
      if (madePublic && !input.reason) throw new FormProblem('reason', 'admin.categories.errors.reason');
      const madePrivate = before.visibility === 'public' && input.visibility === 'private';
      if (madePrivate && !confirmed) {
        const published = await countPublishedReports(trx, code);
        if (published > 0) throw new PrivateReportsToConfirm(published);
      }
      const { reason, ...changes } = input;
      await categories.updateCategory(trx, code, changes);
      const reportsMadePrivate = madePrivate ? await makeCategoryReportsPrivate(trx, code, now) : 0;
      const after = {
        ...auditView({ ...before, ...changes }),
        ...(madePublic ? { reason } : {}),
        ...(reportsMadePrivate > 0 ? { reportsMadePrivate } : {}),
      };
      await audit.append(
        trx,
        {
          ...actor,
          action: 'category.update',
          objectType: 'category',
          objectId: code,
          before: auditView(before),
          after,
        },
        now,
      );
      if (madePrivate) await this.routeToSocialWorkers(trx, code, socialWorkers, actor, now);
    });
    await this.deps.cache.reload();
  }

  /** Every parish's social worker contacts, read before the transaction starts. */
  private async socialWorkers(): Promise<{ id: number; parishCode: string }[]> {
    return (await this.deps.contacts.all()).flatMap((contact) =>
      contact.role === 'social_worker' && contact.parishCode
        ? [{ id: contact.id, parishCode: contact.parishCode }]
        : [],
    );
  }

  private async routeToSocialWorkers(
    trx: Queryable,
    categoryCode: string,
    socialWorkers: readonly { id: number; parishCode: string }[],
    actor: Actor,
    now: Date,
  ): Promise<void> {
    for (const worker of socialWorkers) {
      const rule = { parishCode: worker.parishCode, apvienibaCode: null, categoryCode, contactId: worker.id };
      const id = await this.deps.routing.insertRule(trx, rule);
      if (id === undefined) continue;
      await this.deps.audit.append(
        trx,
        { ...actor, action: 'routing-rule.add', objectType: 'routing-rule', objectId: id, after: rule },
        now,
      );
    }
  }
}

/**
 * Two categories of one name would read as one on the residents' form, and the same form sent
 * twice (Back, then Add again, with another code) would make the second: a name in any language
 * that another category has is refused.
 */
function refuseTakenName(categories: CategorySettings[], names: CategorySettings['names'], except?: string) {
  const same = (a: string, b: string) =>
    a.trim().toLocaleLowerCase('lv') === b.trim().toLocaleLowerCase('lv');
  const others = categories.filter((other) => other.code !== except);
  for (const language of ['lv', 'en', 'ru'] as const)
    if (others.some((other) => same(other.names[language], names[language])))
      throw new FormProblem(`name_${language}`, 'admin.categories.errors.nameTaken');
}
