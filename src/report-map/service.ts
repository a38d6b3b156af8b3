import type { PublicFilters } from '../reports/types.js';
import type { ReportMapRepository, ReportPin } from './repository.js';

/** The reports of a list query as pins on a map. */
export class ReportMapService {
  constructor(private readonly pinsOf: Pick<ReportMapRepository, 'pins'>) {}

  pins(filters: Omit<PublicFilters, 'page'>): Promise<{ pins: ReportPin[]; more: boolean }> {
    return this.pinsOf.pins(filters);
  }
}
