/*
 * The emails of requests for help: to the one who asked, and to the person it is for when
 * someone else asked (GDPR art. 14). Merged into `EmailTemplateData` in src/mail/templates.ts.
 * The social worker hears of a request by the reports' own `report-new` email.
 */

export interface HelpRequestEmails {
  /** To the one who asked (when they gave an email): received, what happens next, their private link. */
  'help-request-received': { ref: string; forOther: boolean; privateUrl: string; socialWorkers: string[] };
  /**
   * To the person the help is for, when someone else asked and gave their email: what was
   * recorded about them, by whom, why, who will see it, and how to object or have it erased.
   */
  'help-request-subject': {
    ref: string;
    askedBy: string;
    recorded: string[];
    socialWorkers: string[];
    contactUrl: string;
  };
}

export const HELP_REQUEST_TEMPLATES = [
  'help-request-received',
  'help-request-subject',
] as const satisfies readonly (keyof HelpRequestEmails)[];
