import type { i18n } from 'i18next';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AlertService } from './alerts/service.js';
import { createAlertService } from './alerts/services.js';
import { createAdminServices, type AdminServices } from './admin/services.js';
import type { Config } from './config.js';
import type { Queryable } from './db/transaction.js';
import { ContactRepository } from './contacts/repository.js';
import type { ActionLinkService } from './email-links/action-links.js';
import type { FixedQuestionService } from './email-links/fixed-questions.js';
import { createEmailLinkServices } from './email-links/services.js';
import { EmailLinkRepository } from './email-links/repository.js';
import { HelpRequestRepository } from './help/requests/repository.js';
import { HelpTitles } from './help/requests/title.js';
import { createI18n } from './i18n/index.js';
import { RawMailStore, rawMailDir } from './inbound/raw-store.js';
import { InboundRepository } from './inbound/repository.js';
import type { DnsResolver } from './inbound/sender-proof.js';
import type { InboundService } from './inbound/service.js';
import { createInboundService } from './inbound/services.js';
import { MAX_INBOUND_BYTES } from './inbound/smtp-receiver.js';
import type { MailQueue } from './mail/outbox.js';
import { OutboxRepository } from './mail/outbox-repository.js';
import { Notifier } from './notifications/notifier.js';
import { PhotoRepository } from './photos/repository.js';
import { PhotoService } from './photos/service.js';
import { MissingPhotoNotice } from './photos/storage-check.js';
import { RateLimiter } from './ratelimit/limiter.js';
import { ReferenceRepository } from './reference/repository.js';
import { ReferenceService } from './reference/service.js';
import { ReportListRepository } from './report-pages/list-repository.js';
import { ReportListService } from './report-pages/list-service.js';
import { ReportLinks } from './reports/links.js';
import { ReportRepository } from './reports/repository.js';
import { ReportService } from './reports/service.js';
import { RoutingRepository } from './routing/repository.js';
import { RoutingService } from './routing/service.js';
import { Signer } from './security/signing.js';
import { SubscriptionRepository } from './subscriptions/repository.js';
import { SubscriptionService } from './subscriptions/service.js';
import { TimelineRepository } from './timeline/repository.js';
import { ReportUpdateService } from './timeline/service.js';
import { UploadBudget } from './uploads/budget.js';
import { createPhotoStorage } from './uploads/choose-storage.js';
import type { PhotoStorage } from './uploads/storage.js';
import type { UploadIntake } from './web/uploads.js';
import { createStaffServices, type StaffServices } from './staff/services.js';
import { createModerationServices, type ModerationServices } from './moderation/services.js';
import { createStaffReportServices, type StaffReportServices } from './staff/reports/services.js';
import { createStaffInboundServices, type StaffInboundServices } from './staff/inbound/services.js';
import { createHelpServices, type HelpServices } from './help/services.js';
import { createPublicInterfaceServices, type PublicInterfaceServices } from './public-interfaces.js';
import { PublicWords } from './reports/public-words.js';
import { SearchWords, type Masks } from './reports/search-words.js';

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
  audit: StaffServices['audit'];
  moderation: ModerationServices;
  staffReports: StaffReportServices['staffReports'];
  staffActions: StaffReportServices['staffActions'];
  staffIntake: StaffReportServices['staffIntake'];
  heldReports: StaffReportServices['heldReports'];
  staffInbound: StaffInboundServices['staffInbound'];
  staffInboundActions: StaffInboundServices['staffInboundActions'];
  admin: AdminServices;
  /** Where forms' uploads stream to, and the hourly upload budget of each client address. */
  uploads: UploadIntake;
}

export interface ServiceOptions {
  config: Config;
  knex: Knex;
  logger: Logger;
  mail: MailQueue;
  clock?: () => Date;
  /** The translations, when the caller has loaded them already (the email renderer shares them). */
  i18n?: i18n;
  /** DNS for checking the senders of replies (DKIM, SPF, DMARC); the system's by default. */
  dnsResolver?: DnsResolver;
  /**
   * The photo storage; the configuration's (local disk or S3) by default. The server passes the one
   * it loaded the demo's photos into; tests inject failing ones.
   */
  photoStorage?: PhotoStorage;
}

/** Every repository: the only objects that hold SQL. */
function createRepositories(knex: Knex, masks: Masks) {
  return {
    reports: new ReportRepository(knex, masks),
    reportList: new ReportListRepository(knex),
    timeline: new TimelineRepository(knex, masks),
    routing: new RoutingRepository(knex),
    contacts: new ContactRepository(knex),
    subscriptions: new SubscriptionRepository(knex),
    photos: new PhotoRepository(knex),
    emailLinks: new EmailLinkRepository(knex),
    inbound: new InboundRepository(knex),
    helpRequests: new HelpRequestRepository(knex),
  };
}

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
    ...createEmailLinkServices(core, (key, lng) => i18n.t(key, { lng })),
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
    admin: createAdminServices({ knex, reference, clock, mail: options.mail }),
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

/** What most services share: the links, the repositories, photos, the notifier, routing, the timeline. */
function createCore(
  options: ServiceOptions,
  { reference, helpTitles }: { reference: ReferenceService; helpTitles: HelpTitles },
  clock: () => Date,
) {
  const { config, knex, mail } = options;
  const signer = new Signer(config.secret);
  const links = new ReportLinks(config.publicUrl, signer, {
    secret: config.inboundSecret,
    domain: config.inboundDomain,
  });
  const publicWords = new PublicWords({ publicUrl: config.publicUrl, inboundDomain: config.inboundDomain });
  const repositories = createRepositories(knex, publicWords);
  const { reports, timeline, contacts, subscriptions } = repositories;
  const photos = new PhotoService(repositories.photos, options.photoStorage ?? createPhotoStorage(config), {
    uploadTempDir: config.uploadTempDir,
    missing: new MissingPhotoNotice(options.logger, clock),
  });
  const alerts = createAlertService({ knex, reports, reference, mail, signer, links, publicWords, clock });
  const readers = { reference, reports, contacts, subscriptions, publicWords };
  const helpDetails = (db: Queryable, id: number) => repositories.helpRequests.byReportId(id, db);
  const notifier = new Notifier({ ...readers, mail, links, alerts, titles: helpTitles, helpDetails, clock });
  const routing = new RoutingService({ routing: repositories.routing, contacts, reference });
  const common = { knex, mail, signer, links, notifier, alerts, clock };
  const reportUpdates = new ReportUpdateService({
    ...common,
    reports,
    timeline,
    subscriptions,
    recipients: repositories.routing,
    photos,
  });
  return { ...common, reference, repositories, photos, routing, reportUpdates, publicWords, helpTitles };
}

type Core = ReturnType<typeof createCore>;

/** The report loop: filing and confirming, routing, the timeline, subscriptions, the public list. */
function reportServices(core: Core) {
  const { repositories, photos, routing, reference } = core;
  const { reports: reportRepository, timeline, subscriptions } = repositories;
  return {
    reports: new ReportService({ ...core, reports: reportRepository, timeline, photos, routing, reference }),
    reportRepository,
    reportList: new ReportListService(repositories.reportList),
    reportUpdates: core.reportUpdates,
    timeline,
    routing,
    contacts: repositories.contacts,
    subscriptions: new SubscriptionService({ ...core, reports: reportRepository, subscriptions }),
    alerts: core.alerts,
    photos,
    links: core.links,
    publicWords: core.publicWords,
    helpTitles: core.helpTitles,
    searchWords: new SearchWords(core.knex, core.publicWords),
  };
}
