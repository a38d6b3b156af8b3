import { DAYS, HELP_KINDS, SPOKEN, codesOf, type HelpRequestDetails } from '../types.js';

/** The help half of requests (the other half is the report), as stored: the repository's and erasure's. */
export const HELP_REQUESTS = 'help_requests';

export interface HelpRequestRow {
  report_id: number;
  for_whom: 'self' | 'other';
  subject_knows: 'yes' | 'no' | 'unsure' | null;
  subject_name: string | null;
  subject_phone: string | null;
  subject_email: string | null;
  subject_told_at: Date | null;
  kinds: string;
  wants: 'volunteer' | 'call_back' | 'visit';
  days: string;
  times: string;
  speaks: string;
  created_at: Date;
  erased_at: Date | null;
}

/** A request's details as stored, with when (if ever) the person was erased. */
export interface HelpRequestRecord extends HelpRequestDetails {
  erasedAt: Date | null;
}

export const rowToDetails = (row: HelpRequestRow): HelpRequestRecord => ({
  reportId: row.report_id,
  forWhom: row.for_whom,
  subjectKnows: row.subject_knows,
  subjectName: row.subject_name,
  subjectPhone: row.subject_phone,
  subjectEmail: row.subject_email,
  subjectToldAt: row.subject_told_at ? new Date(row.subject_told_at) : null,
  kinds: codesOf(row.kinds, HELP_KINDS),
  wants: row.wants,
  days: codesOf(row.days, DAYS),
  times: row.times,
  speaks: codesOf(row.speaks, SPOKEN),
  createdAt: new Date(row.created_at),
  erasedAt: row.erased_at ? new Date(row.erased_at) : null,
});
