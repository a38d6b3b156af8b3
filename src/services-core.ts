/*
 * The core every service is built on: the repositories, links, photos, the notifier, routing
 * and the timeline; and the report loop's own services. createServices (services.ts) assembles them.
 */

import type { i18n } from 'i18next';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { DnsResolver } from './inbound/sender-proof.js';
import type { MailQueue } from './mail/outbox.js';
import type { PhotoStorage } from './uploads/storage.js';
import { createAlertService } from './alerts/services.js';
import type { Queryable } from './db/transaction.js';
import { ContactRepository } from './contacts/repository.js';
import { EmailLinkRepository } from './email-links/repository.js';
import { HelpRequestRepository } from './help/requests/repository.js';
import type { HelpTitles } from './help/requests/title.js';
import { InboundRepository } from './inbound/repository.js';
import { MadePrivateNotice } from './notifications/made-private.js';
import { MadePrivateLater } from './notifications/made-private-later.js';
import { PrivateNoticeRepository } from './notifications/private-notice-repository.js';
import { Notifier } from './notifications/notifier.js';
import { PhotoRepository } from './photos/repository.js';
import { PhotoService } from './photos/service.js';
import { MissingPhotoNotice } from './photos/storage-check.js';
import type { ReferenceService } from './reference/service.js';
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
import { createPhotoStorage } from './uploads/choose-storage.js';
import { PublicWords } from './reports/public-words.js';
import { SearchWords, type Masks } from './reports/search-words.js';

/** What the services are built from (createServices in services.ts). */ export interface ServiceOptions {
  config: Config;
  knex: Knex;
  logger: Logger;
  mail: MailQueue;
  clock?: () => Date;
  /** The translations, when the caller has loaded them already (the email renderer shares them). */
  i18n?: i18n;
  /** DNS for checking the senders of replies (DKIM, DMARC); the system's by default. */
  dnsResolver?: DnsResolver;
  /**
   * The photo storage; the configuration's (local disk or S3) by default. The server passes the one
   * it loaded the demo's photos into; tests inject failing ones.
   */
  photoStorage?: PhotoStorage;
}

/** Every repository: the only objects that hold SQL. */
export function createRepositories(knex: Knex, masks: Masks) {
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
    privateNotices: new PrivateNoticeRepository(knex),
  };
}

/** What most services share: the links, the repositories, photos, the notifier, routing, the timeline. */
export function createCore(
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
  const madePrivate = new MadePrivateNotice({ ...readers, mail, links, notifier });
  const notices = repositories.privateNotices;
  const madePrivateLater = new MadePrivateLater({ knex, notices, reports, madePrivate });
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
  return {
    ...common,
    reference,
    repositories,
    photos,
    routing,
    reportUpdates,
    publicWords,
    helpTitles,
    madePrivate,
    madePrivateLater,
  };
}

export type Core = ReturnType<typeof createCore>;

/** The report loop: filing and confirming, routing, the timeline, subscriptions, the public list. */
export function reportServices(core: Core) {
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
