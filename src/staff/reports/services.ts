import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { InboundRepository } from '../../inbound/repository.js';
import type { AlertHooks } from '../../alerts/hooks.js';
import type { MailQueue } from '../../mail/outbox.js';
import type { MadePrivateNotice } from '../../notifications/made-private.js';
import type { Notifier } from '../../notifications/notifier.js';
import type { ReportLinks } from '../../reports/links.js';
import type { PhotoService } from '../../photos/service.js';
import type { ReferenceService } from '../../reference/service.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { ReportService } from '../../reports/service.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import type { ReportUpdateService } from '../../timeline/service.js';
import type { StaffRepository } from '../repository.js';
import { StaffActions } from './actions.js';
import { AssignedEmail } from './assigned-email.js';
import { HeldReports } from './held.js';
import { StaffIntake } from './intake.js';
import { StaffReportRepository } from './repository.js';
import { StaffReportService } from './service.js';

/** The workspace's report services: reading (queue, page), acting, and taking reports for residents. */
export function createStaffReportServices(deps: {
  knex: Knex;
  reports: ReportRepository;
  reportService: ReportService;
  timeline: TimelineRepository;
  routing: RoutingService;
  updates: ReportUpdateService;
  notifier: Notifier;
  madePrivate: MadePrivateNotice;
  mail: MailQueue;
  links: ReportLinks;
  /**
   * Email alerts hear of a held report once it is let through (it becomes public then), and of a
   * public report moved to their place.
   */
  alerts?: Pick<AlertHooks, 'reportPublished' | 'reportMoved'>;
  photos: PhotoService;
  inbound: InboundRepository;
  reference: ReferenceService;
  staff: StaffRepository;
  audit: AuditRepository;
  clock: () => Date;
}) {
  const staffReportRepository = new StaffReportRepository(deps.knex);
  const staffReports = new StaffReportService({ ...deps, staffReports: staffReportRepository });
  return {
    staffReports,
    staffActions: new StaffActions({
      ...deps,
      view: staffReports,
      staffReports: staffReportRepository,
      assignedEmail: new AssignedEmail(deps),
    }),
    staffIntake: new StaffIntake(deps),
    heldReports: new HeldReports({ ...deps, view: staffReports }),
  };
}

export type StaffReportServices = ReturnType<typeof createStaffReportServices>;
