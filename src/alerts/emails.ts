import type { Language } from '../i18n/index.js';

/*
 * The emails of alerts (to the subscriber, in their language): the data each template in
 * views/emails/ reads. Merged into `EmailTemplateData` in src/mail/templates.ts. No email names a
 * reporter or carries their contact: only what a report's public page shows.
 */

/** A report as an alert shows it: names already in the subscriber's language. */
export interface AlertReportView {
  ref: string;
  title: string;
  /** The reporter's language, when known: the title carries it as `lang` in HTML. */
  language?: Language;
  categoryName: string;
  parishName: string;
  url: string;
}

interface ToSubscriber {
  /** What is followed, in words ("Kaunatas pagasts, Ceļi"); null for everything. */
  scope: string | null;
  unsubscribeUrl: string;
}

export interface AlertEmails {
  /** Confirm the alert by its link (nothing else is sent until then). */
  'alert-confirm': ToSubscriber & { frequency: 'immediate' | 'daily'; confirmUrl: string; expiresAt: Date };
  /** A new public report in the scope. */
  'alert-report': ToSubscriber & { report: AlertReportView; description: string };
  /**
   * A public report staff moved into the scope (another parish or category): `from`, the place it
   * left in words ("Kaunatas pagasts"; only what changed).
   */
  'alert-moved': ToSubscriber & { report: AlertReportView; description: string; from: string | null };
  /** A public update of a public report in the scope. */
  'alert-update': ToSubscriber & {
    report: AlertReportView;
    toStatus: string | null;
    /** Why it was closed, when `toStatus` is closed ("Closed (Duplicate)"). */
    closeReason?: string | null;
    text: string | null;
    /** The language of `text`, as the report page marks it. */
    textLanguage?: Language | null;
  };
  /**
   * The new public reports, those staff moved into the scope, and updates in the scope since
   * `since`: the last digest, or the confirmation for the first (a missed run makes it over a day).
   */
  'alert-digest': ToSubscriber & {
    since: Date;
    reports: AlertReportView[];
    /** Moved into the scope by staff: `from`, the place it left in words (only what changed). */
    moved: (AlertReportView & { from: string | null })[];
    updates: (AlertReportView & {
      toStatus: string | null;
      /** Why it was closed, when `toStatus` is closed. */
      closeReason?: string | null;
      text: string | null;
      /** The language of `text`, as the report page marks it. */
      textLanguage?: Language | null;
    })[];
  };
}

export const ALERT_TEMPLATES = [
  'alert-confirm',
  'alert-report',
  'alert-moved',
  'alert-update',
  'alert-digest',
] as const satisfies readonly (keyof AlertEmails)[];
