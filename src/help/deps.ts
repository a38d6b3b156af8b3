import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { Config } from '../config.js';
import type { ContactRepository } from '../contacts/repository.js';
import type { Language } from '../i18n/index.js';
import type { MailQueue } from '../mail/outbox.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PhotoService } from '../photos/service.js';
import type { RawMailStore } from '../inbound/raw-store.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportLinks } from '../reports/links.js';
import type { PublicWords } from '../reports/public-words.js';
import type { ReportRepository } from '../reports/repository.js';
import type { ReportService } from '../reports/service.js';
import type { RoutingService } from '../routing/service.js';
import type { Signer } from '../security/signing.js';
import type { StaffRepository } from '../staff/repository.js';
import type { StaffReportService } from '../staff/reports/service.js';
import type { TimelineRepository } from '../timeline/repository.js';
import type { HelpTitles } from './requests/title.js';

/** What the parts of help are built from; each service takes the narrow part it uses. */
export interface HelpDeps {
  config: Config;
  knex: Knex;
  clock: () => Date;
  mail: MailQueue;
  signer: Signer;
  links: ReportLinks;
  limiter: RateLimiter;
  reference: ReferenceService;
  routing: RoutingService;
  notifier: Notifier;
  /** A report's photos (erasing a person deletes those of their request). */
  photos: PhotoService;
  /** The raw inbound mail files (erasing a request deletes those about it). */
  rawMail: Pick<RawMailStore, 'delete'>;
  reports: ReportService;
  reportRepository: ReportRepository;
  timeline: TimelineRepository;
  contacts: ContactRepository;
  staff: StaffRepository;
  audit: AuditRepository;
  staffReports: StaffReportService;
  /** Free text as a stranger may read it: contacts, private links and the writer's name masked. */
  publicWords: Pick<PublicWords, 'of'>;
  /** A request's title, made in Latvian and said in each reader's language. */
  helpTitles: HelpTitles;
  /** A catalog text in a language, for words stored or emailed outside a request. */
  translate: (key: string, language: Language) => string;
}
