import type { Knex } from 'knex';
import { ContactRepository } from '../contacts/repository.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportListService } from '../report-pages/list-service.js';
import { RoutingRepository } from '../routing/repository.js';
import { PlaceService } from './place-service.js';
import { RecipientsService } from './recipients.js';
import { StatisticsRepository } from './repository.js';
import { StatisticsService } from './service.js';

export interface StatisticsServiceDeps {
  knex: Knex;
  reference: ReferenceService;
  reportList: Pick<ReportListService, 'listPublic'>;
  clock: () => Date;
}

/** The statistics and the pages of each parish and apvienība. */
export function createStatisticsServices(deps: StatisticsServiceDeps) {
  const { knex, reference, clock } = deps;
  const statistics = new StatisticsService({ statistics: new StatisticsRepository(knex), reference, clock });
  const recipients = new RecipientsService({
    db: knex,
    routing: new RoutingRepository(knex),
    contacts: new ContactRepository(knex),
  });
  return {
    statistics,
    places: new PlaceService({ reference, reportList: deps.reportList, statistics, recipients }),
  };
}

export type StatisticsServices = ReturnType<typeof createStatisticsServices>;
