import path from 'node:path';
import type { i18n } from 'i18next';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createI18n } from './i18n/index.js';
import { PhotoService } from './photos/service.js';
import { RateLimiter } from './ratelimit/limiter.js';
import { ReferenceRepository } from './reference/repository.js';
import { ReferenceService } from './reference/service.js';
import { BounceHandler } from './inbound/bounces.js';
import { InboundNotices } from './inbound/notices.js';
import { RawMailStore } from './inbound/raw-store.js';
import { ReplyHandler } from './inbound/replies.js';
import { InboundRepository } from './inbound/repository.js';
import { senderProver, type DnsResolver } from './inbound/sender-proof.js';
import { InboundService } from './inbound/service.js';
import { MAX_INBOUND_BYTES } from './inbound/smtp-receiver.js';
import { OutboxRepository } from './mail/outbox-repository.js';
import { ActionLinkService } from './reports/action-links.js';
import { FixedQuestionService } from './reports/fixed-questions.js';
import { ReportLinks } from './reports/links.js';
import { ReportRepository } from './reports/repository.js';
import { Notifier } from './reports/notifier.js';
import { ReportService, type MailQueue } from './reports/service.js';
import { ReportUpdateService } from './reports/updates.js';
import { Signer } from './security/signing.js';
import type { Services } from './app.js';
import { LocalDiskStorage } from './uploads/storage.js';

/**
 * Builds every service from the configuration and a database. server.ts calls it once; tests call
 * it with their own database and, where time matters, their own clock.
 */
export async function createServices(options: {
  config: Config;
  knex: Knex;
  logger: Logger;
  mail: MailQueue;
  clock?: () => Date;
  /** The translations, when the caller has loaded them already (the email renderer shares them). */
  i18n?: i18n;
  /** DNS for checking the senders of replies (DKIM, SPF, DMARC); the system's by default. */
  dnsResolver?: DnsResolver;
}): Promise<Services> {
  const { config, knex, logger, mail } = options;
  const clock = options.clock ?? (() => new Date());
  const signer = new Signer(config.secret);
  const links = new ReportLinks(config.publicUrl, signer, {
    secret: config.inboundSecret,
    domain: config.inboundDomain,
  });
  const reference = new ReferenceService(new ReferenceRepository(knex), () => clock().getTime());
  await reference.warm();
  const reportRepository = new ReportRepository(knex);
  const photos = new PhotoService(knex, new LocalDiskStorage(config.uploadDir));
  const notifier = new Notifier(mail, links, reference, clock);
  const reports = new ReportService({
    knex,
    reports: reportRepository,
    photos,
    reference,
    mail,
    signer,
    links,
    notifier,
    clock,
  });
  const reportUpdates = new ReportUpdateService({
    knex,
    reports: reportRepository,
    photos,
    links,
    notifier,
    clock,
  });
  const i18n = options.i18n ?? (await createI18n());
  const limiter = new RateLimiter(knex);
  const outbox = new OutboxRepository(knex);
  const inboundRepository = new InboundRepository(knex);
  const inboundSettings = { secret: config.inboundSecret, domain: config.inboundDomain };
  const inbound = new InboundService({
    knex,
    inbound: inboundRepository,
    store: new RawMailStore(path.join(config.dataDir, 'inbound'), MAX_INBOUND_BYTES),
    replies: new ReplyHandler({
      knex,
      inbound: inboundRepository,
      reports: reportRepository,
      updates: reportUpdates,
      photos,
      notices: new InboundNotices(mail),
      limiter,
      prove: senderProver(config.inboundAuth, {
        mta: config.inboundDomain,
        ...(options.dnsResolver ? { resolver: options.dnsResolver } : {}),
      }),
      settings: {
        ...inboundSettings,
        publicUrl: config.publicUrl,
        replyAddressDays: config.replyAddressDays,
      },
      clock,
    }),
    bounces: new BounceHandler({
      knex,
      inbound: inboundRepository,
      outbox,
      alerts: notifier,
      settings: inboundSettings,
      clock,
    }),
    alerts: notifier,
    logger,
    clock,
  });
  const linkDeps = {
    knex,
    links,
    reports: reportRepository,
    reportService: reports,
    updates: reportUpdates,
    mail,
    clock,
  };
  return {
    config,
    logger,
    knex,
    clock,
    i18n,
    inbound,
    actionLinks: new ActionLinkService(linkDeps),
    fixedQuestions: new FixedQuestionService({ ...linkDeps, translate: (key, lng) => i18n.t(key, { lng }) }),
    reference,
    reports,
    reportUpdates,
    reportRepository,
    photos,
    links,
    limiter,
    outbox,
  };
}
