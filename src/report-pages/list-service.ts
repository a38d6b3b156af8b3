import type { PublicFilters, ReportSummary } from '../reports/types.js';
import type { ReportListRepository } from './list-repository.js';

export const NEARBY_RADIUS_METRES = 300;
const NEARBY_LIMIT = 5;

/** The public list, and the open reports the form shows before a resident files the same one again. */
export class ReportListService {
  constructor(private readonly list: Pick<ReportListRepository, 'listPublic' | 'nearbyOpen'>) {}

  listPublic(filters: PublicFilters): Promise<{ reports: ReportSummary[]; total: number }> {
    return this.list.listPublic(filters);
  }

  nearby(input: {
    categoryCode: string;
    parishCode: string;
    lat: number | null;
    lon: number | null;
  }): Promise<ReportSummary[]> {
    return this.list.nearbyOpen({ ...input, radiusMetres: NEARBY_RADIUS_METRES, limit: NEARBY_LIMIT });
  }
}
