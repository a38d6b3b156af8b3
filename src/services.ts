import type { i18n } from 'i18next';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AlertService } from './alerts/service.js';
import { createAdminServices, type AdminServices } from './admin/services.js';
import type { Config } from './config.js';
import type { ContactRepository } from './contacts/repository.js';
import type { ActionLinkService } from './email-links/action-links.js';
import type { FixedQuestionService } from './email-links/fixed-questions.js';
import { createEmailLinkServices } from './email-links/services.js';
import { HelpTitles } from './help/requests/title.js';
import { createI18n } from './i18n/index.js';
import { RawMailStore, rawMailDir } from './inbound/raw-store.js';
import type { InboundService } from './inbound/service.js';
import { createInboundService } from './inbound/services.js';
import { MAX_INBOUND_BYTES } from './inbound/smtp-receiver.js';
import { OutboxRepository } from './mail/outbox-repository.js';
import type { PhotoService } from './photos/service.js';
import { RateLimiter } from './ratelimit/limiter.js';
import { ReferenceRepository } from './reference/repository.js';
import { ReferenceService } from './reference/service.js';
import type { ReportListService } from './report-pages/list-service.js';
import type { ReportLinks } from './reports/links.js';
import type { ReportRepository } from './reports/repository.js';
import type { ReportService } from './reports/service.js';
import type { RoutingService } from './routing/service.js';
import type { SubscriptionService } from './subscriptions/service.js';
import type { TimelineRepository } from './timeline/repository.js';
import type { ReportUpdateService } from './timeline/service.js';
import { UploadBudget } from './uploads/budget.js';
import type { UploadIntake } from './web/uploads.js';
import { createStaffServices, type StaffServices } from './staff/services.js';
import { createModerationServices, type ModerationServices } from './moderation/services.js';
import { createStaffReportServices, type StaffReportServices } from './staff/reports/services.js';
import { createStaffInboundServices, type StaffInboundServices } from './staff/inbound/services.js';
import { createHelpServices, type HelpServices } from './help/services.js';
import { createPublicInterfaceServices, type PublicInterfaceServices } from './public-interfaces.js';
import type { PublicWords } from './reports/public-words.js';
import type { SearchWords } from './reports/search-words.js';
import { createCore, reportServices, type ServiceOptions } from './services-core.js';
import { HelpOfferRepository } from './help/offers/repository.js';
import { RetentionRepository } from './retention/repository.js';
import { AddressErasure } from './retention/address-erasure.js';
import { ReporterErasure } from './retention/reporter-erasure.js';
import { RetentionService } from './retention/service.js';
import type { MadePrivateLater } from './notifications/made-private-later.js';

/** Everything the app, the workers and the tests are built from; routes take a `Pick` of it. */
export interface Services extends HelpServices, PublicInterfaceServices {
  config: Config;
  logger: Logger;
  knex: Knex;
  i18n: i18n;
  clock: () => Date;
  reference: ReferenceService;
  reports: ReportService;
  reportRepository: ReportRepository;
  reportList: ReportListService;
  reportUpdates: ReportUpdateService;
  timeline: TimelineRepository;
  routing: RoutingService;
  contacts: ContactRepository;
  subscriptions: SubscriptionService;
  alerts: AlertService;
  photos: PhotoService;
  links: ReportLinks;
  /** A resident's words as the public reads them: contacts, private links and their name masked. */
  publicWords: PublicWords;
  /** A request for help's title, Tilts's words, in each reader's language. */
  helpTitles: HelpTitles;
  /** Writes the words the public search reads for rows written without them. */
  searchWords: SearchWords;
  limiter: RateLimiter;
  outbox: OutboxRepository;
  inbound: InboundService;
  actionLinks: ActionLinkService;
  fixedQuestions: FixedQuestionService;
  staff: StaffServices['staff'];
  staffAuth: StaffServices['staffAuth'];
  staffDirectory: StaffServices['staffDirectory'];
  staffSessions: StaffServices['staffSessions'];
  audit: StaffServices['audit'];
  moderation: ModerationServices;
  staffReports: StaffReportServices['staffReports'];
  staffActions: StaffReportServices['staffActions'];
  staffIntake: StaffReportServices['staffIntake'];
  heldReports: StaffReportServices['heldReports'];
  staffInbound: StaffInboundServices['staffInbound'];
  staffInboundActions: StaffInboundServices['staffInboundActions'];
  admin: AdminServices;
  /** Tells, in the background, the followers of the reports a category made private. */
  privateNotices: Pick<MadePrivateLater, 'sendDue'>;
  /** Takes out the personal data of reports closed and volunteers gone for `REPORT_RETENTION_DAYS`. */
  retention: RetentionService;
  /** An administrator erases a public report's reporter on their request. */
  reporterErasure: ReporterErasure;
  /** An administrator erases an address's follows and alert subscriptions on its owner's request. */
  addressErasure: AddressErasure;
  /** Where forms' uploads stream to, and the hourly upload budget of each client address. */
  uploads: UploadIntake;
}

export type { ServiceOptions } from './services-core.js';

/**
 * Builds every service from the configuration and a database. server.ts calls it once; tests call
 * it with their own database and, where time matters, their own clock.
 */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { config, knex } = options;
  const clock = options.clock ?? (() => new Date());
  const reference = new ReferenceService(new ReferenceRepository(knex), () => clock().getTime());
  await reference.warm();
  const i18n = options.i18n ?? (await createI18n());
  const helpTitles = new HelpTitles((key, lng) => i18n.t(key, { lng }));
  const core = createCore(options, { reference, helpTitles }, clock);
  const limiter = new RateLimiter(knex);
  const outbox = new OutboxRepository(knex);
  const reportSide = reportServices(core);
  const staffSide = createStaffServices({ config, knex, mail: options.mail, limiter, clock });
  const rawStore = new RawMailStore(rawMailDir(config.dataDir), MAX_INBOUND_BYTES);
  const { repositories } = core;
  const inbound = createInboundService({
    ...options,
    ...core,
    rows: { ...repositories, recipients: repositories.routing },
    staff: staffSide.staff,
    updates: core.reportUpdates,
    limiter,
    outbox,
    rawStore,
  });
  const staffReportSide = createStaffReportServices({
    ...core,
    reports: core.repositories.reports,
    reportService: reportSide.reports,
    timeline: core.repositories.timeline,
    updates: core.reportUpdates,
    inbound: core.repositories.inbound,
    staff: staffSide.staff,
    audit: staffSide.audit,
  });
  const retentionRepository = new RetentionRepository(knex);
  return {
    config,
    logger: options.logger,
    knex,
    clock,
    i18n,
    reference,
    limiter,
    outbox,
    uploads: {
      tempDir: config.uploadTempDir,
      budget: new UploadBudget(knex, config.uploadBudget),
      clock,
    },
    ...reportSide,
    ...createEmailLinkServices({ ...core, staff: staffSide.staff }, (key, lng) => i18n.t(key, { lng })),
    inbound,
    ...staffSide,
    ...staffReportSide,
    ...createHelpServices({
      ...core,
      config,
      limiter,
      reports: reportSide.reports,
      reportRepository: core.repositories.reports,
      timeline: core.repositories.timeline,
      contacts: core.repositories.contacts,
      staff: staffSide.staff,
      audit: staffSide.audit,
      staffReports: staffReportSide.staffReports,
      translate: (key, lng) => i18n.t(key, { lng }),
      rawMail: rawStore,
    }),
    ...createStaffInboundServices({
      ...core,
      inboundRows: core.repositories.inbound,
      store: rawStore,
      inbound,
      reports: core.repositories.reports,
      contacts: core.repositories.contacts,
      updates: core.reportUpdates,
      timeline: core.repositories.timeline,
      audit: staffSide.audit,
      settings: { publicUrl: config.publicUrl, domain: config.inboundDomain },
    }),
    admin: createAdminServices({
      knex,
      reference,
      clock,
      mail: options.mail,
    }),
    privateNotices: core.madePrivateLater,
    reporterErasure: new ReporterErasure({
      knex,
      retention: retentionRepository,
      reports: core.repositories.reports,
      audit: staffSide.audit,
      rawMail: rawStore,
      clock,
    }),
    addressErasure: new AddressErasure({
      knex,
      retention: retentionRepository,
      audit: staffSide.audit,
      rawMail: rawStore,
      photos: core.photos,
      clock,
    }),
    retention: new RetentionService({
      knex,
      retention: retentionRepository,
      requests: repositories.helpRequests,
      offers: new HelpOfferRepository(knex),
      photos: core.photos,
      rawMail: rawStore,
      days: config.retention.reportDays,
      clock,
    }),
    ...createPublicInterfaceServices({
      ...core,
      config,
      reference,
      limiter,
      reportService: reportSide.reports,
      reportList: reportSide.reportList,
      audit: staffSide.audit,
      translate: (key, lng) => i18n.t(key, { lng }),
    }),
    moderation: createModerationServices({
      knex,
      clock,
      reports: reportSide.reports,
      reportRows: core.repositories.reports,
      timeline: core.repositories.timeline,
      photos: core.photos,
      photoRows: core.repositories.photos,
      audit: staffSide.audit,
    }),
  };
}
