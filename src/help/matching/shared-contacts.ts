import type { Report } from '../../reports/types.js';
import type { HelpRequestDetails } from '../types.js';

export interface SharedContact {
  name: string;
  email: string | null;
  phone: string | null;
}

/** What the volunteer is given once both agreed: in the email, and on their offer's own page. */
export interface VolunteerContacts {
  other: SharedContact & { location: string | null };
  /** When the person was asked for by someone else who agreed for them: the asker, beside them. */
  askedBy: SharedContact | null;
  /** The person does not know of the request yet; `other` is the one who asked. */
  personUnaware: boolean;
}

/**
 * The person's contact as the volunteer gets it once both agreed: the person's name, the phone
 * or email given for them and the place. Asked for someone else, the one who asked agreed: the
 * volunteer gets the helped person's own contact (never the asker's under their name) only when
 * that person knows of the request, with the asker's beside it; otherwise only the asker's, who
 * arranges it with them.
 */
export function contactsForVolunteer({
  report,
  details,
}: {
  report: Pick<Report, 'location' | 'reporterName' | 'reporterEmail' | 'reporterPhone'>;
  details: Pick<
    HelpRequestDetails,
    'forWhom' | 'subjectKnows' | 'subjectName' | 'subjectEmail' | 'subjectPhone'
  >;
}): VolunteerContacts {
  const location = report.location || null;
  const asker = { name: report.reporterName ?? '', email: report.reporterEmail, phone: report.reporterPhone };
  const forOther = details.forWhom === 'other';
  const personKnows = forOther && details.subjectKnows === 'yes';
  const other = personKnows
    ? { name: details.subjectName ?? '', email: details.subjectEmail, phone: details.subjectPhone, location }
    : { ...asker, location };
  return { other, askedBy: personKnows ? asker : null, personUnaware: forOther && !personKnows };
}

/** A detail of the person someone asked help for that a volunteer may receive. */
export type PersonDetail = 'name' | 'phone' | 'email' | 'address';

/**
 * What of the person someone else asked help for reaches the volunteer once the asker agrees, as
 * the asker is told before they agree (by `contactsForVolunteer`, so the words cannot drift from
 * what is sent): their own name and contacts only when they know of the request, the village or
 * address in any case. Null when the person asked for themselves.
 */
export function personDetailsShared(
  input: Parameters<typeof contactsForVolunteer>[0],
): PersonDetail[] | null {
  if (input.details.forWhom !== 'other') return null;
  const { other, personUnaware } = contactsForVolunteer(input);
  const own = personUnaware ? [] : (['name', 'phone', 'email'] as const).filter((key) => Boolean(other[key]));
  return other.location ? [...own, 'address'] : [...own];
}
