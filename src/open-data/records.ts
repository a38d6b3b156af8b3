import type { CsvValue } from '../web/csv.js';
import type { Writer } from '../reports/public-words.js';
import { publishedDegrees } from '../reports/position.js';

/** What a published report says of itself, as stored and as given. */
interface OpenReportFacts {
  ref: string;
  categoryCode: string;
  parishCode: string;
  status: string;
  closeReason: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  lat: number | null;
  lon: number | null;
  title: string;
  description: string;
  location: string;
}

/** A public report as the repository reads it for open data; `writer` is only for masking. */
export interface OpenReportRow extends OpenReportFacts {
  id: number;
  writer: Writer;
}

/** A public, not hidden update with words or a new status, as open data gives it (in the JSON file). */
export interface OpenUpdate {
  reportId: number;
  at: Date;
  by: string;
  toStatus: string | null;
  /** Null for a change of status without words. */
  text: string | null;
}

/** One published report: no name, email or phone of anyone, and its words masked. */
export interface OpenReport extends OpenReportFacts {
  url: string;
  categoryName: string;
  parishName: string;
  updates: { at: Date; by: string; toStatus: string | null; text: string | null }[];
}

/** The CSV's columns, in order; the JSON uses the same names, and adds `updates`. */
export const OPEN_REPORT_COLUMNS = [
  'ref',
  'url',
  'category_code',
  'category_name',
  'parish_code',
  'parish_name',
  'status',
  'close_reason',
  'created_at',
  'confirmed_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'lat',
  'lon',
  'title',
  'description',
  'location',
] as const;

/** ISO 8601 in UTC with its zone (`Z`); empty when there is no such moment. */
const iso = (date: Date | null) => (date ? date.toISOString() : null);

function flat(report: OpenReport): Record<(typeof OPEN_REPORT_COLUMNS)[number], CsvValue> {
  return {
    ref: report.ref,
    url: report.url,
    category_code: report.categoryCode,
    category_name: report.categoryName,
    parish_code: report.parishCode,
    parish_name: report.parishName,
    status: report.status,
    close_reason: report.closeReason,
    created_at: iso(report.createdAt),
    confirmed_at: iso(report.confirmedAt),
    first_response_at: iso(report.firstResponseAt),
    resolved_at: iso(report.resolvedAt),
    closed_at: iso(report.closedAt),
    lat: publishedDegrees(report.lat),
    lon: publishedDegrees(report.lon),
    title: report.title,
    description: report.description,
    location: report.location,
  };
}

/** One CSV row (the update texts are in the JSON file only: a cell per update would not be tabular). */
export function csvValues(report: OpenReport): CsvValue[] {
  const values = flat(report);
  return OPEN_REPORT_COLUMNS.map((column) => values[column]);
}

/** One JSON record: the CSV's fields with `null` for what is missing, and the public updates. */
export function jsonRecord(report: OpenReport): Record<string, unknown> {
  return {
    ...flat(report),
    updates: report.updates.map((update) => ({
      at: update.at.toISOString(),
      by: update.by,
      status: update.toStatus,
      text: update.text,
    })),
  };
}
