import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { ContactRepository } from '../../contacts/repository.js';
import type { RawMailStore } from '../../inbound/raw-store.js';
import type { InboundRepository } from '../../inbound/repository.js';
import type { InboundService } from '../../inbound/service.js';
import type { PhotoService } from '../../photos/service.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import type { ReportUpdateService } from '../../timeline/service.js';
import { StaffInboundActions } from './actions.js';
import { StaffInboundRepository } from './repository.js';
import { StaffInboundService } from './service.js';

/** Inbound mail in the workspace: reading it, and deciding on what was not applied by itself. */
export function createStaffInboundServices(deps: {
  knex: Knex;
  inboundRows: InboundRepository;
  store: RawMailStore;
  inbound: InboundService;
  reports: ReportRepository;
  routing: RoutingService;
  contacts: ContactRepository;
  updates: ReportUpdateService;
  photos: PhotoService;
  timeline: TimelineRepository;
  audit: AuditRepository;
  settings: { publicUrl: string; domain: string };
  clock: () => Date;
}) {
  const staffInbound = new StaffInboundRepository(deps.knex);
  const view = new StaffInboundService({ ...deps, inbound: deps.inboundRows, staffInbound });
  return {
    staffInbound: view,
    staffInboundActions: new StaffInboundActions({ ...deps, view, staffInbound, reprocess: deps.inbound }),
  };
}

export type StaffInboundServices = ReturnType<typeof createStaffInboundServices>;
