import type { Knex } from 'knex';
import { ReportMapRepository } from './repository.js';
import { ReportMapService } from './service.js';

/** The map of public reports. */
export function createReportMapServices(knex: Knex) {
  return { reportMap: new ReportMapService(new ReportMapRepository(knex)) };
}

export type ReportMapServices = ReturnType<typeof createReportMapServices>;
