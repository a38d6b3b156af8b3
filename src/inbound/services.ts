import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ContactRepository } from '../contacts/repository.js';
import type { MailQueue } from '../mail/outbox.js';
import type { OutboxRepository } from '../mail/outbox-repository.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PhotoService } from '../photos/service.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { ReportRepository } from '../reports/repository.js';
import type { RoutingRepository } from '../routing/repository.js';
import type { StaffRepository } from '../staff/repository.js';
import type { TimelineRepository } from '../timeline/repository.js';
import type { ReportUpdateService } from '../timeline/service.js';
import { AutoReplyHandler } from './auto-replies.js';
import { BounceHandler } from './bounces.js';
import { InboundNotices } from './notices.js';
import type { RawMailStore } from './raw-store.js';
import { ReplyHandler } from './replies.js';
import type { InboundRepository } from './repository.js';
import { senderProver, type DnsResolver } from './sender-proof.js';
import { InboundService } from './service.js';

export interface InboundDeps {
  config: Pick<
    Config,
    'inboundSecret' | 'inboundDomain' | 'inboundAuth' | 'publicUrl' | 'replyAddressDays' | 'retention'
  >;
  knex: Knex;
  logger: Logger;
  mail: MailQueue;
  /** DNS for checking the senders of replies (DKIM, DMARC); the system's by default. */
  dnsResolver?: DnsResolver | undefined;
  rows: {
    inbound: InboundRepository;
    contacts: ContactRepository;
    reports: ReportRepository;
    recipients: RoutingRepository;
    timeline: TimelineRepository;
  };
  staff: Pick<StaffRepository, 'byEmail'>;
  updates: ReportUpdateService;
  photos: PhotoService;
  notifier: Notifier;
  limiter: RateLimiter;
  outbox: OutboxRepository;
  rawStore: RawMailStore;
  clock: () => Date;
}

/** The inbound mail pipeline: raw storage, replies (applied or held), bounces, retries. */
export function createInboundService(deps: InboundDeps): InboundService {
  const { config, knex, rows, notifier, clock } = deps;
  const settings = { secret: config.inboundSecret, domain: config.inboundDomain };
  return new InboundService({
    knex,
    inbound: rows.inbound,
    store: deps.rawStore,
    replies: new ReplyHandler({
      knex,
      inbound: rows.inbound,
      contacts: rows.contacts,
      reports: rows.reports,
      recipients: rows.recipients,
      staff: deps.staff,
      timeline: rows.timeline,
      updates: deps.updates,
      photos: deps.photos,
      notices: new InboundNotices(deps.mail, config.publicUrl, config.inboundDomain),
      limiter: deps.limiter,
      prove: senderProver(config.inboundAuth, deps.dnsResolver ? { resolver: deps.dnsResolver } : {}),
      settings: {
        ...settings,
        publicUrl: config.publicUrl,
        replyAddressDays: config.replyAddressDays,
        inboundRetentionDays: config.retention.inboundDays,
      },
      clock,
    }),
    bounces: new BounceHandler({
      knex,
      inbound: rows.inbound,
      contacts: rows.contacts,
      outbox: deps.outbox,
      alerts: notifier,
      rawMail: deps.rawStore,
      settings,
      clock,
    }),
    autoReplies: new AutoReplyHandler({
      knex,
      inbound: rows.inbound,
      outbox: deps.outbox,
      rawMail: deps.rawStore,
      settings,
      clock,
    }),
    alerts: notifier,
    logger: deps.logger,
    domain: config.inboundDomain,
    clock,
  });
}
