import type { Knex } from 'knex';
import type { ContactRepository } from '../contacts/repository.js';
import type { Language } from '../i18n/index.js';
import type { MailQueue } from '../mail/outbox.js';
import type { Notifier } from '../notifications/notifier.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportLinks } from '../reports/links.js';
import type { ReportRepository } from '../reports/repository.js';
import type { RoutingRepository } from '../routing/repository.js';
import type { StaffRepository } from '../staff/repository.js';
import type { ReportUpdateService } from '../timeline/service.js';
import { ActionLinkService } from './action-links.js';
import { FixedQuestionService } from './fixed-questions.js';
import type { EmailLinkRepository } from './repository.js';

/** The services behind the links in emails: one-click status links and "is it fixed?". */
export function createEmailLinkServices(
  deps: {
    knex: Knex;
    links: ReportLinks;
    mail: MailQueue;
    notifier: Notifier;
    reference: ReferenceService;
    reportUpdates: ReportUpdateService;
    repositories: {
      reports: ReportRepository;
      routing: RoutingRepository;
      emailLinks: EmailLinkRepository;
      contacts: ContactRepository;
    };
    /** Staff accounts: a deactivated one's links change nothing. */
    staff: Pick<StaffRepository, 'byEmail'>;
    clock: () => Date;
  },
  translate: (key: string, language: Language) => string,
) {
  const { repositories } = deps;
  const shared = { ...deps, reports: repositories.reports, updates: deps.reportUpdates };
  return {
    actionLinks: new ActionLinkService({
      ...shared,
      recipients: repositories.routing,
      contacts: repositories.contacts,
      staff: deps.staff,
      emailLinks: repositories.emailLinks,
    }),
    fixedQuestions: new FixedQuestionService({
      ...shared,
      routing: repositories.routing,
      questions: repositories.emailLinks,
      translate,
    }),
  };
}
