import type { Knex } from 'knex';
import type { AuditAction } from '../../audit/fields.js';
import type { AuditRepository } from '../../audit/repository.js';
import { NotFoundError } from '../../web/errors.js';
import type { Actor } from '../forms.js';
import type { ResponseTemplate, TemplateFields, TemplateRepository } from './repository.js';

const auditView = ({ updatedAt: _updatedAt, ...template }: ResponseTemplate) => template;

/** Response templates: added, edited and deactivated (never deleted: staff may have used them). */
export class TemplateAdmin {
  constructor(
    private readonly deps: {
      knex: Knex;
      templates: TemplateRepository;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  list(categoryCode?: string | null): Promise<ResponseTemplate[]> {
    return this.deps.templates.list(categoryCode);
  }

  activeCounts(): Promise<Map<string, number>> {
    return this.deps.templates.activeCounts();
  }

  async find(id: number): Promise<ResponseTemplate> {
    const template = await this.deps.templates.byId(this.deps.knex, id);
    if (!template) throw new NotFoundError();
    return template;
  }

  async add(fields: TemplateFields, actor: Actor): Promise<ResponseTemplate> {
    const { knex, templates, audit } = this.deps;
    const now = this.deps.clock();
    return knex.transaction(async (trx) => {
      const created = await templates.insert(trx, fields, now);
      await audit.append(
        trx,
        {
          ...actor,
          action: 'template.add',
          objectType: 'template',
          objectId: created.id,
          after: auditView(created),
        },
        now,
      );
      return created;
    });
  }

  update(id: number, fields: TemplateFields, actor: Actor): Promise<void> {
    return this.change(id, fields, 'template.update', actor);
  }

  deactivate(id: number, actor: Actor): Promise<void> {
    return this.change(id, { active: false }, 'template.deactivate', actor);
  }

  private async change(id: number, fields: Partial<TemplateFields>, action: AuditAction, actor: Actor) {
    const { knex, templates, audit } = this.deps;
    const now = this.deps.clock();
    await knex.transaction(async (trx) => {
      const before = await templates.byId(trx, id, true);
      if (!before) throw new NotFoundError();
      await templates.update(trx, id, fields, now);
      const after = auditView({ ...before, ...fields });
      await audit.append(
        trx,
        { ...actor, action, objectType: 'template', objectId: id, before: auditView(before), after },
        now,
      );
    });
  }
}
