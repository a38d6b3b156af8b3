/*
 * The emails of requests for help: to the one who asked, and to the person it is for when
 * someone else asked (GDPR art. 14). Merged into `EmailTemplateData` in src/mail/templates.ts.
 * The social worker hears of a request by the reports' own `report-new` email.
 */

import type { Language } from '../../i18n/index.js';
import type { HelpKind, HelpRequestDetails } from '../types.js';

/**
 * A request's details in the social worker's new-request email (`report-new`'s `help`), and
 * whether the person it is for has been told of it by email yet (else staff tell them).
 */
export type HelpRequestEmailDetails = Pick<
  HelpRequestDetails,
  | 'forWhom'
  | 'subjectKnows'
  | 'subjectName'
  | 'subjectPhone'
  | 'subjectEmail'
  | 'kinds'
  | 'wants'
  | 'days'
  | 'times'
  | 'speaks'
> & { subjectTold: boolean };

export interface HelpRequestEmails {
  /** To the one who asked (when they gave an email): received, what happens next, their private link. */
  'help-request-received': {
    ref: string;
    forOther: boolean;
    wants: 'volunteer' | 'call_back' | 'visit';
    privateUrl: string;
    /** Who received it (the parish's social worker): the office's name and its role. */
    socialWorkers: { name: string; role: string }[];
    unsubscribeUrl: string;
  };
  /**
   * To the person the help is for, when someone else asked and gave their email: what was
   * recorded about them, by whom, why, who will see it, and how to object or have it erased.
   * Categories of data only: never the words the other person wrote about them. Their language is
   * not known: one email in Latvian, English and Russian (the renderer's `inEveryLanguage`).
   */
  'help-request-subject': {
    ref: string;
    askedBy: string;
    /** The parish's name in each language, each part of the email saying its own. */
    parishNames: Record<Language, string>;
    /** `address`: a village or an address was given beside the parish. */
    recorded: { name: boolean; phone: boolean; email: boolean; address: boolean; kinds: HelpKind[] };
    /**
     * What of theirs a volunteer receives once the asker agrees to one (`contactsForVolunteer`):
     * their own contact only when the asker said they know of the request; the place in any case.
     */
    volunteerGets: { name: boolean; phone: boolean; email: boolean; address: boolean };
    /**
     * Whom to ask, object to or have it erased by (the email's Reply-To is the first): the
     * contact's official (Latvian) name, and its role (`officeRole`) the other parts name it by.
     */
    socialWorkers: { name: string; role: string; email: string }[];
    privacyUrl: string;
  };
}

export const HELP_REQUEST_TEMPLATES = [
  'help-request-received',
  'help-request-subject',
] as const satisfies readonly (keyof HelpRequestEmails)[];
