import type { Queryable } from '../db/transaction.js';
import type { HelpRequestEmailDetails } from '../help/requests/emails.js';
import type { HelpRequestDetails } from '../help/types.js';
import type { Report } from '../reports/types.js';

/** What of a request its new-request email gives (`HelpRequestEmailDetails`, without `subjectTold`). */
const EMAIL_DETAILS = [
  'forWhom',
  'subjectKnows',
  'subjectName',
  'subjectPhone',
  'subjectEmail',
  'kinds',
  'wants',
  'days',
  'times',
  'speaks',
] as const satisfies readonly Exclude<keyof HelpRequestEmailDetails, 'subjectTold'>[];

/** Reads a request for help's details (who, what, when, languages); undefined for any other report. */
export type HelpDetailsReader = (db: Queryable, reportId: number) => Promise<HelpRequestDetails | undefined>;

/**
 * A request's details as its new-request email gives them: the social worker has everything
 * there, since a private request has no page outside the workspace. Null for any other report.
 */
export async function helpOf(
  helpDetails: HelpDetailsReader | undefined,
  trx: Queryable,
  report: Report,
): Promise<HelpRequestEmailDetails | null> {
  const details = helpDetails ? await helpDetails(trx, report.id) : undefined;
  if (!details) return null;
  const fields = EMAIL_DETAILS.map((field) => [field, details[field]]);
  return {
    ...(Object.fromEntries(fields) as Omit<HelpRequestEmailDetails, 'subjectTold'>),
    subjectTold: details.subjectToldAt !== null,
  };
}
