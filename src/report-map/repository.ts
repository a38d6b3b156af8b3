import type { Knex } from 'knex';
import { whereListFilters } from '../report-pages/list-repository.js';
import { PLACE_IN_NOVADS } from '../reports/place-in-novads.js';
import { publicOnly, REPORTS } from '../reports/repository.js';
import { MASKED_NAME, TEXT_LANGUAGE } from '../reports/rows.js';
import type { PublicFilters, Status } from '../reports/types.js';

/** The most pins one map draws; a query that finds more says so, and the list has them all. */
export const MAX_PINS = 5000;

/** A public report with a place on the map: of the person who reported it, only the name to mask. */
export interface ReportPin {
  ref: string;
  title: string;
  status: Status;
  categoryCode: string;
  parishCode: string;
  lat: number;
  lon: number;
  createdAt: Date;
  /** The language the reporter wrote in. */
  language: string;
  /** The name its reporter kept back (`maskedName`), only to mask it where they typed it; never sent. */
  writerName: string | null;
}

interface PinRow {
  ref: string;
  title: string;
  status: Status;
  category_code: string;
  parish_code: string;
  lat: number;
  lon: number;
  masked_name: string | null;
  language: string;
  /** Milliseconds since 1970: parsing 5,000 timestamps as text cost a tenth of the answer. */
  created_ms: number | string;
}

/** How many of a query's reports with a place on the map lie in one parish, and their mean place. */
export interface ParishCount {
  parishCode: string;
  reports: number;
  lat: number;
  lon: number;
}

/** The public reports of the list's query that have coordinates, newest first. */
export class ReportMapRepository {
  constructor(private readonly knex: Knex) {}

  /** The list query's public reports with a place, counted per parish (all of them, no cap). */
  async parishCounts(filters: Omit<PublicFilters, 'page'>): Promise<ParishCount[]> {
    const rows = (await whereListFilters(this.knex, publicOnly(this.knex(REPORTS)), filters)
      .whereNotNull('reports.lat')
      .whereNotNull('reports.lon')
      // Never a place stored outside the novads: it would stretch the map over half of Latvia.
      .whereRaw(PLACE_IN_NOVADS)
      .groupBy('reports.parish_code')
      .select(
        'reports.parish_code',
        this.knex.raw('count(*)::int as reports'),
        this.knex.raw('avg(reports.lat)::float8 as lat'),
        this.knex.raw('avg(reports.lon)::float8 as lon'),
      )) as { parish_code: string; reports: number | string; lat: number | string; lon: number | string }[];
    return rows.map((row) => ({
      parishCode: row.parish_code,
      reports: Number(row.reports),
      lat: Number(row.lat),
      lon: Number(row.lon),
    }));
  }

  async pins(filters: Omit<PublicFilters, 'page'>): Promise<{ pins: ReportPin[]; more: boolean }> {
    const query = whereListFilters(this.knex, publicOnly(this.knex(REPORTS)), filters)
      .whereNotNull('reports.lat')
      .whereNotNull('reports.lon')
      // Never a place stored outside the novads: it would stretch the map over half of Latvia.
      .whereRaw(PLACE_IN_NOVADS)
      .select(
        'reports.ref',
        'reports.title',
        'reports.status',
        'reports.category_code',
        'reports.parish_code',
        'reports.lat',
        'reports.lon',
        this.knex.raw(MASKED_NAME),
        this.knex.raw(`${TEXT_LANGUAGE} as language`),
        this.knex.raw('(extract(epoch from reports.created_at) * 1000)::float8 as created_ms'),
      )
      .orderBy('reports.created_at', 'desc')
      .orderBy('reports.id', 'desc')
      .limit(MAX_PINS + 1);
    const rows = (await query) as PinRow[];
    return {
      more: rows.length > MAX_PINS,
      pins: rows.slice(0, MAX_PINS).map((row) => ({
        ref: row.ref,
        title: row.title,
        status: row.status,
        categoryCode: row.category_code,
        parishCode: row.parish_code,
        lat: Number(row.lat),
        lon: Number(row.lon),
        createdAt: new Date(Number(row.created_ms)),
        language: row.language,
        writerName: row.masked_name,
      })),
    };
  }
}
