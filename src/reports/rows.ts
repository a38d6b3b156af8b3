import type { Language } from '../i18n/index.js';
import type { CloseReason, Report, ReportSource, Status } from './types.js';

/**
 * The reports table and how its rows become reports: apart from the repository, so the one-query
 * report page (page-query.ts), which the repository uses, can read them without an import cycle.
 */
export const REPORTS = 'reports';

export interface ReportRow {
  id: number;
  ref: string;
  category_code: string;
  parish_code: string;
  is_private: boolean;
  title: string;
  description: string;
  location: string;
  /** The three above as the public search reads them (search-words.ts); null until written. */
  search_text: string | null;
  lat: number | null;
  lon: number | null;
  reporter_name: string;
  reporter_email: string | null;
  reporter_phone: string | null;
  show_name: boolean;
  language: Language;
  /** What its title and description are written in; null when written before it was told. */
  text_language: Language | null;
  status: Status;
  close_reason: CloseReason | null;
  hidden: boolean;
  hidden_at: Date | null;
  hidden_reason: string | null;
  held_at: Date | null;
  held_reason: string | null;
  source: ReportSource;
  entered_by_staff_id: number | null;
  assigned_staff_id: number | null;
  duplicate_of: number | null;
  confirm_expires_at: Date | null;
  confirmed_at: Date | null;
  routed_at: Date | null;
  withdrawn_at: Date | null;
  /** When the person of a request for help was erased (help/requests/repository.ts). */
  erased_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const rowToReport = (row: ReportRow): Report => ({
  id: row.id,
  ref: row.ref,
  categoryCode: row.category_code,
  parishCode: row.parish_code,
  isPrivate: row.is_private,
  title: row.title,
  description: row.description,
  location: row.location,
  lat: row.lat,
  lon: row.lon,
  reporterName: row.reporter_name,
  reporterEmail: row.reporter_email,
  reporterPhone: row.reporter_phone,
  showName: row.show_name,
  language: row.language,
  textLanguage: row.text_language ?? row.language,
  status: row.status,
  closeReason: row.close_reason,
  hidden: row.hidden,
  hiddenAt: row.hidden_at,
  hiddenReason: row.hidden_reason,
  heldAt: row.held_at,
  heldReason: row.held_reason,
  source: row.source,
  enteredByStaffId: row.entered_by_staff_id,
  assignedStaffId: row.assigned_staff_id,
  duplicateOf: row.duplicate_of,
  confirmExpiresAt: row.confirm_expires_at,
  confirmedAt: row.confirmed_at,
  routedAt: row.routed_at,
  withdrawnAt: row.withdrawn_at,
  erasedAt: row.erased_at ?? null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The language a report's words are written in, as a column for the lists' own queries. */
export const TEXT_LANGUAGE = 'coalesce(reports.text_language, reports.language)';

/**
 * The name a report's public words mask (`maskedName` in public-words.ts), as a column
 * `masked_name`: one its reporter kept back, none when they chose to show it.
 */
export const MASKED_NAME =
  'case when reports.show_name then null else reports.reporter_name end as masked_name';
