import { createFeedServices } from './feeds/services.js';
import { createOpen311Services, type Open311Deps } from './open311/services.js';
import { createOpenDataServices } from './open-data/services.js';
import { createReportMapServices } from './report-map/services.js';
import { createStatisticsServices, type StatisticsServiceDeps } from './statistics/services.js';

/**
 * What the public side offers beyond the list and a report's page: the map, the feeds, the
 * statistics and the places' pages, open data and Open311. Each feature builds its own services;
 * this only hands them what they share.
 */
export function createPublicInterfaceServices(deps: Open311Deps & StatisticsServiceDeps) {
  const { knex, reference, config, publicWords } = deps;
  return {
    ...createOpenDataServices({ knex, reference, config, publicWords }),
    ...createReportMapServices(knex),
    ...createFeedServices(knex),
    ...createStatisticsServices(deps),
    ...createOpen311Services(deps),
  };
}

export type PublicInterfaceServices = ReturnType<typeof createPublicInterfaceServices>;
