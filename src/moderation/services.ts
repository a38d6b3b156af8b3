import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { PhotoRepository } from '../photos/repository.js';
import type { PhotoService } from '../photos/service.js';
import type { ReportRepository } from '../reports/repository.js';
import type { ReportService } from '../reports/service.js';
import type { TimelineRepository } from '../timeline/repository.js';
import { AbuseRepository } from './abuse-repository.js';
import { AbuseService } from './abuse.js';
import { BanRepository } from './ban-repository.js';
import { BanService } from './bans.js';
import { HiddenList } from './hidden-list.js';
import { HiddenRepository } from './hidden-repository.js';
import { HidingService } from './hiding.js';

/** Moderation: hiding and showing again, residents' abuse reports and their queue, bans. */
export function createModerationServices(deps: {
  knex: Knex;
  reports: Pick<ReportService, 'view'>;
  reportRows: ReportRepository;
  timeline: TimelineRepository;
  photos: Pick<PhotoService, 'ofReport'>;
  photoRows: PhotoRepository;
  audit: AuditRepository;
  clock: () => Date;
}) {
  const { knex, clock, audit, reportRows } = deps;
  const abuse = new AbuseRepository(knex);
  return {
    hiding: new HidingService({
      knex,
      reports: reportRows,
      timeline: deps.timeline,
      photos: deps.photoRows,
      abuse,
      audit,
      clock,
    }),
    abuse: new AbuseService({
      knex,
      reports: deps.reports,
      reportRows,
      photos: deps.photos,
      abuse,
      audit,
      clock,
    }),
    bans: new BanService({ knex, bans: new BanRepository(knex), audit, clock }),
    hidden: new HiddenList(new HiddenRepository(knex)),
  };
}

export type ModerationServices = ReturnType<typeof createModerationServices>;
