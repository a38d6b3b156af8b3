import type { PublicFilters } from '../reports/types.js';
import type { ParishCount, ReportMapRepository, ReportPin } from './repository.js';

type Filters = Omit<PublicFilters, 'page'>;

/** The reports of a list query as pins on a map, or counted per parish before any pin is drawn. */
export class ReportMapService {
  constructor(private readonly reports: Pick<ReportMapRepository, 'pins' | 'parishCounts'>) {}

  pins(filters: Filters): Promise<{ pins: ReportPin[]; more: boolean }> {
    return this.reports.pins(filters);
  }

  parishCounts(filters: Filters): Promise<ParishCount[]> {
    return this.reports.parishCounts(filters);
  }
}
