import type { Knex } from 'knex';
import { AuditRepository } from '../audit/repository.js';
import { ContactRepository } from '../contacts/repository.js';
import type { MailQueue } from '../mail/outbox.js';
import { OutboxRepository } from '../mail/outbox-repository.js';
import { ReferenceRepository } from '../reference/repository.js';
import type { ReferenceService } from '../reference/service.js';
import { RoutingRepository } from '../routing/repository.js';
import { StaffAuthRepository } from '../staff/auth/repository.js';
import { StaffDirectory } from '../staff/directory.js';
import { StaffRepository } from '../staff/repository.js';
import { AuditLog } from './audit/service.js';
import { CategoryAdmin } from './categories/service.js';
import { ContactAdmin } from './contacts/service.js';
import { DeadLetterAdmin } from './dead-letters/service.js';
import { RoutingAdmin } from './routing/service.js';
import { StaffAdmin } from './staff/service.js';
import { TemplateRepository } from './templates/repository.js';
import { TemplateAdmin } from './templates/service.js';

/**
 * The admin's side of the workspace. Repositories hold no state, so it makes its own; the
 * reference cache is the app's one instance, which every change to categories reloads.
 */
export function createAdminServices(deps: {
  knex: Knex;
  reference: ReferenceService;
  clock: () => Date;
  /** Tells a member whose two-factor sign-in an admin reset. */
  mail: MailQueue;
}) {
  const { knex, reference, clock, mail } = deps;
  const audit = new AuditRepository(knex);
  const contactRepository = new ContactRepository(knex);
  const staffRepository = new StaffRepository(knex);
  const routingRepository = new RoutingRepository(knex);
  const common = { knex, audit, clock };
  return {
    categories: new CategoryAdmin({
      ...common,
      categories: new ReferenceRepository(knex),
      cache: reference,
      contacts: contactRepository,
      routing: routingRepository,
    }),
    templates: new TemplateAdmin({ ...common, templates: new TemplateRepository(knex) }),
    contacts: new ContactAdmin({ ...common, contacts: contactRepository }),
    routing: new RoutingAdmin({
      ...common,
      routing: routingRepository,
      contacts: contactRepository,
      reference,
    }),
    staff: new StaffAdmin({
      ...common,
      staff: staffRepository,
      directory: new StaffDirectory({ knex, staff: staffRepository, audit, clock }),
      sessions: new StaffAuthRepository(knex),
      contacts: contactRepository,
      mail,
    }),
    deadLetters: new DeadLetterAdmin({ ...common, outbox: new OutboxRepository(knex) }),
    auditLog: new AuditLog({ audit, staff: staffRepository, reference, contacts: contactRepository }),
  };
}

export type AdminServices = ReturnType<typeof createAdminServices>;
