import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { Config } from '../config.js';
import type { Language } from '../i18n/index.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { ReferenceService } from '../reference/service.js';
import type { PublicWords } from '../reports/public-words.js';
import type { ReportRepository } from '../reports/repository.js';
import type { ReportService } from '../reports/service.js';
import type { RoutingService } from '../routing/service.js';
import type { TimelineRepository } from '../timeline/repository.js';
import { Open311Intake } from './intake.js';
import { ApiKeyRepository } from './keys/repository.js';
import { ApiKeyService } from './keys/service.js';
import { Open311Repository } from './repository.js';
import { Open311Service } from './service.js';

export interface Open311Deps {
  knex: Knex;
  config: Pick<Config, 'publicUrl' | 'inboundDomain'>;
  clock: () => Date;
  reference: ReferenceService;
  repositories: { reports: ReportRepository; timeline: TimelineRepository };
  reportService: ReportService;
  routing: RoutingService;
  limiter: RateLimiter;
  audit: AuditRepository;
  translate: (key: string, language: Language) => string;
  /** The public words' masks, each writer's name forms made once. */
  publicWords: Pick<PublicWords, 'of'>;
}

/** Open311 GeoReport v2: what clients read, what they post, and the keys they post with. */
export function createOpen311Services(deps: Open311Deps) {
  const { knex, clock, reference } = deps;
  const requests = new Open311Repository(knex);
  const apiKeys = new ApiKeyService({ knex, keys: new ApiKeyRepository(knex), audit: deps.audit, clock });
  const open311 = new Open311Service({
    requests,
    reference,
    translate: deps.translate,
    settings: { publicUrl: deps.config.publicUrl },
    publicWords: deps.publicWords,
    clock,
  });
  const open311Intake = new Open311Intake({
    knex,
    keys: apiKeys,
    catalogue: open311,
    reference,
    reportService: deps.reportService,
    reports: deps.repositories.reports,
    timeline: deps.repositories.timeline,
    routing: deps.routing,
    requests,
    limiter: deps.limiter,
    clock,
    translate: deps.translate,
    inboundDomain: deps.config.inboundDomain,
  });
  return { open311, open311Intake, apiKeys };
}

export type Open311Services = ReturnType<typeof createOpen311Services>;
