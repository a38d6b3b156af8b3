import type { PublicFilters, ReportSummary } from '../reports/types.js';
import type { KeysetPage, ListPosition } from './list-keyset.js';
import type { ReportListRepository } from './list-repository.js';

export const NEARBY_RADIUS_METRES = 300;
const NEARBY_LIMIT = 5;

/**
 * The list counts its matches up to this many and then says "more than": counting a busy list to
 * the end would cost a pass over all of it on every page. It is also as deep as numbered pages go
 * (50 pages of 20); "next" links go on from there by cursor.
 */
export const COUNT_CAP = 1000;

/** The public list, and the open reports the form shows before a resident files the same one again. */
export class ReportListService {
  constructor(private readonly list: Pick<ReportListRepository, 'listPublic' | 'page' | 'nearbyOpen'>) {}

  /** The first page of a place's reports with their exact number (the place pages). */
  listPublic(filters: PublicFilters): Promise<{ reports: ReportSummary[]; total: number }> {
    return this.list.listPublic(filters);
  }

  /** A page of the public list, counted up to COUNT_CAP, from one query. */
  page(filters: Omit<PublicFilters, 'page'>, position: ListPosition): Promise<KeysetPage> {
    return this.list.page(filters, position, COUNT_CAP);
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
