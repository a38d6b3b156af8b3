import { csvDocument, type CsvValue } from '../../web/csv.js';
import type { Report } from '../../reports/types.js';
import type { HelpRequestDetails } from '../types.js';
import type { MatchView } from './desk.js';

/**
 * A help case as the social service's own case-management system takes it: the request, the
 * person's contact as given, and every match with its whole history (who did what, when, how).
 * Staff-only downloads; nothing here is ever public.
 */
export interface HelpCase {
  ref: string;
  category: string;
  parish: string;
  status: string;
  createdAt: string;
  askedBy: { name: string | null; email: string | null; phone: string | null; language: string };
  forWhom: string;
  subject: { knows: string | null; name: string | null; email: string | null; phone: string | null } | null;
  wants: string;
  kinds: string[];
  days: string[];
  times: string;
  speaks: string[];
  description: string;
  location: string;
  matches: {
    id: number;
    state: string;
    volunteer: string | null;
    need: string;
    history: {
      at: string;
      event: string;
      actor: string;
      via: string;
      staff: string | null;
      detail: string | null;
    }[];
  }[];
}

export function helpCase(
  report: Report,
  details: HelpRequestDetails,
  matches: readonly MatchView[],
): HelpCase {
  return {
    ref: report.ref,
    category: report.categoryCode,
    parish: report.parishCode,
    status: report.status,
    createdAt: report.createdAt.toISOString(),
    askedBy: {
      name: report.reporterName,
      email: report.reporterEmail,
      phone: report.reporterPhone,
      language: report.language,
    },
    forWhom: details.forWhom,
    subject:
      details.forWhom === 'other'
        ? {
            knows: details.subjectKnows,
            name: details.subjectName,
            email: details.subjectEmail,
            phone: details.subjectPhone,
          }
        : null,
    wants: details.wants,
    kinds: details.kinds,
    days: details.days,
    times: details.times,
    speaks: details.speaks,
    description: report.description,
    location: report.location,
    matches: matches.map((match) => ({
      id: match.id,
      state: match.state,
      volunteer: match.offer?.name ?? null,
      need: match.needText,
      history: match.events.map((event) => ({
        at: event.at.toISOString(),
        event: event.event,
        actor: event.actor,
        via: event.via,
        staff: event.staffName,
        detail: event.detail,
      })),
    })),
  };
}

/** One row per step of the case's history (and one for the request itself), for a spreadsheet. */
export function helpCaseCsv(value: HelpCase): string {
  const header = ['ref', 'at', 'what', 'match', 'volunteer', 'actor', 'via', 'staff', 'detail'];
  const rows: CsvValue[][] = [
    [
      value.ref,
      value.createdAt,
      `request:${value.wants}:${value.kinds.join('+')}`,
      '',
      '',
      'person',
      'web',
      '',
      value.status,
    ],
    ...value.matches.flatMap((match) =>
      match.history.map((step) => [
        value.ref,
        step.at,
        step.event,
        match.id,
        match.volunteer,
        step.actor,
        step.via,
        step.staff,
        step.detail,
      ]),
    ),
  ];
  return csvDocument(header, rows);
}
