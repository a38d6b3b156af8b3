import type { Language } from '../i18n/index.js';
import type { AlertEmails } from '../alerts/emails.js';
import { ALERT_TEMPLATES } from '../alerts/emails.js';
import type { HelpMatchEmails } from '../help/matching/emails.js';
import { HELP_MATCH_TEMPLATES } from '../help/matching/emails.js';
import type { HelpOfferEmails } from '../help/offers/emails.js';
import { HELP_OFFER_TEMPLATES } from '../help/offers/emails.js';
import type { HelpRequestEmailDetails, HelpRequestEmails } from '../help/requests/emails.js';
import { HELP_REQUEST_TEMPLATES } from '../help/requests/emails.js';
import type { HeldWords } from './inbound/held-words.js';
import type { StatusWordSet } from './inbound/status-words.js';

/*
 * The data each template in views/emails/ reads, for callers of `Outbox.enqueue` (the shapes
 * ReportService, Notifier and InboundService build). Every URL is absolute; every text is shown
 * as typed (escaped in the HTML part). Any template shows an unsubscribe link in its footer when
 * its data has `unsubscribeUrl` (pair it with `listUnsubscribeHeaders(url)` in the headers).
 */

type Status = 'unconfirmed' | 'open' | 'acknowledged' | 'in_progress' | 'resolved' | 'closed';
type CloseReason = 'not_responsible' | 'duplicate' | 'no_action' | 'withdrawn';

/** A recipient as residents are told of it: the office's own name, and its role in their language. */
export interface Office {
  name: string;
  role: string;
}

/** A report as emails show it, names already in the recipient's language. */
export interface ReportEmailView {
  ref: string;
  title: string;
  description: string;
  location: string;
  /** The reporter's language: title, description and place carry it as `lang` in HTML. */
  language: Language;
  /** The title's, where it is not the reporter's: a request for help's title is Tilts's words. */
  titleLanguage?: Language;
  status: Status;
  /** Why it was closed, shown beside "Closed" as on the report's page. */
  closeReason?: CloseReason | null;
  categoryName: string;
  parishName: string;
  isPrivate: boolean;
  /** Withdrawn by its reporter: staff emails say so, and offer no answer or one-click link. */
  withdrawn?: boolean;
  /** A request for help (its category is one of help): staff read it as such, not as a problem. */
  isHelp?: boolean;
  mapUrl: string | null;
}

/**
 * Who reads a report's update: its footer says why each gets it (reported it; follows it, asked;
 * reported a problem closed as a duplicate of it; followed such a duplicate).
 */
export type ReportReader = 'reporter' | 'follower' | 'duplicate' | 'joined';

export interface UpdateEmailView {
  /** A catalog key: `mail.author.reporter|parishAdmin|townAdmin|socialWorker|municipality`. */
  authorLabelKey: string;
  authorName: string | null;
  fromStatus: Status | null;
  toStatus: Status | null;
  /** Why it was closed, when `toStatus` is closed. */
  closeReason?: CloseReason | null;
  text: string | null;
  /** The language of `text`; the email says so when it is not the reader's. */
  language: Language | null;
  photoUrls: string[];
}

/** What every email to parish staff carries (`Notifier.staffExtras`). */
interface StaffEmailData {
  recipient: { name: string; role: string };
  /** `STATUS_WORDS` (all languages; the email's language is picked) or one language's set. */
  statusWords: Readonly<Record<Language, StatusWordSet>> | StatusWordSet;
  actionUrls: Partial<Record<'acknowledged' | 'in_progress' | 'resolved' | 'not_ours', string>>;
  /** Null for a private report, which has no public page. */
  reportUrl: string | null;
}

/** Every email: the reports' own here, each help feature's in its folder. */
export interface EmailTemplateData extends HelpOfferEmails, HelpRequestEmails, HelpMatchEmails, AlertEmails {
  'report-confirm': { report: ReportEmailView; confirmUrl: string; expiresAt: Date };
  'report-published': {
    report: ReportEmailView;
    privateUrl: string;
    /** The report's public page; null for a private report. (Read as `data.publicUrl`.) */
    publicUrl: string | null;
    /** Who received it: an office's name (in Latvian, as it is called) and its role. */
    recipients: Office[];
  };
  'subscription-confirm': { report: ReportEmailView; confirmUrl: string };
  'report-new': StaffEmailData & {
    report: ReportEmailView;
    /** For a request for help: its page in the staff workspace, where a volunteer is proposed. */
    helpDeskUrl?: string | null;
    /** For a request for help: who it is for, what help, when, in which languages. */
    help?: HelpRequestEmailDetails | null;
    /** `showName`: whether the report's public page names them (a public report's answer must not). */
    reporter: { name: string; email: string; phone: string | null; showName?: boolean };
    photoUrls: string[];
  };
  'report-relay': StaffEmailData & { report: ReportEmailView; update: UpdateEmailView };
  'report-update': {
    report: ReportEmailView;
    update: UpdateEmailView;
    reportUrl: string;
    unsubscribeUrl: string;
    reader: ReportReader;
  };
  /** To a report's reporter and followers: staff moved it to another parish (`report.parishName`). */
  'report-moved': {
    report: ReportEmailView;
    reportUrl: string;
    unsubscribeUrl: string;
    reader: ReportReader;
  };
  /** To a report's followers: its sender withdrew it, and its page is gone. */
  'report-withdrawn': { report: ReportEmailView };
  /** To a report's followers: it was made private; a link to its parish's public reports instead. */
  'report-private': {
    report: Pick<ReportEmailView, 'ref' | 'title' | 'language' | 'titleLanguage' | 'parishName'>;
    reportsUrl: string;
  };
  'fixed-question': {
    report: ReportEmailView;
    answerUrls: Record<'yes' | 'no' | 'unknown', string>;
    reportUrl: string;
    unsubscribeUrl: string;
    /** Of a private report: i18next's context of who is told its answer (reports/private-readers.ts). */
    privateContext: 'office' | '';
  };
  'not-ours-alert': { report: ReportEmailView; recipient: { name: string; email: string }; comment: string };
  'status-words-help': {
    word: string;
    statusWords: Readonly<Record<Language, StatusWordSet>> | StatusWordSet;
    report: { ref: string; title: string };
  };
  'bounce-alert': { contacts: { name: string; email: string }[]; status: string };
  /** To the social workers of a report: an answer that was not published, and why. */
  'held-reply': {
    report: { ref: string; title: string };
    from: string;
    text: string;
    /** Why it was held (named `why`: `reason` is the layout's footer). */
    why: { code: HeldReason; detail: string; words?: HeldWords[] | undefined };
    /** The message's page in the staff workspace, where it is published or dropped. */
    workspaceUrl: string;
  };
  /** To a proven sender answering a report closed longer ago than its reply addresses live. */
  'reply-expired': { report: { ref: string; title: string }; footer?: 'staff' };
  /** To a proven sender answering a report its resident withdrew: kept as a note, not sent on. */
  'reply-withdrawn': { report: { ref: string; title: string } };
  /** To a reply's sender (proven, or one of its recipients): held for the social worker, not published. */
  'reply-held': {
    report: { ref: string; title: string };
    why: HeldReason;
    workspaceUrl: string;
    /** The sender is a contact for reports (staff): their footer, not the one anyone else reads. */
    footer?: 'staff';
  };
  /** To a reply's proven sender: it had no words above the quote, and nothing was published. */
  'reply-empty': { report: { ref: string; title: string }; workspaceUrl: string; footer?: 'staff' };
  /** To a proven sender whose status word the report's status does not allow: published, status kept. */
  /** "#slēgts dublikāts" without a report it may be a duplicate of: the words published, status kept. */
  'duplicate-refused': {
    report: { ref: string; title: string };
    status: Status;
    /** The number the reply gave, if any. */
    given: string | null;
    workspaceUrl: string;
  };
  'status-word-refused': {
    report: { ref: string; title: string };
    status: Status;
    wanted: Status;
    /** The report's page in the staff workspace, where it can be reopened. */
    workspaceUrl: string;
  };
  /** To a proven sender whose reply (or internal note) went without the attached photos that are not ones. */
  'photos-refused': {
    report: { ref: string; title: string };
    /** The names of the files left out, shortened. */
    files: string[];
    /** An internal note (#iekšēji) left them out: it was saved for staff, not published. */
    note?: boolean;
  };
  /** To the admins: an inbound message still failed after its last attempt. */
  'inbound-alert': { inboundId: number; attempts: number; error: string; receivedAt: Date };
  /** A staff member's single-use sign-in link (in their language). */
  'staff-sign-in': { name: string; signInUrl: string; minutes: number };
  /** To a staff member whose sign-in was paused after wrong codes. */
  'staff-locked': { name: string; attempts: number; minutes: number };
  'staff-two-factor-reset': { name: string };
  /** To a colleague a report was assigned to: no word of the reporter, only where to read it. */
  'staff-assigned': {
    name: string;
    /** Who assigned it. */
    by: string;
    report: {
      ref: string;
      title: string;
      /** The title's language (the reader's own for a request for help). */
      language: Language;
      categoryName: string;
      parishName: string;
      isHelp: boolean;
    };
    workspaceUrl: string;
  };
}

/** Why a reply was held: `mail.held-reply.reasons.<code>`, its detail said by held-words.ts. */
export type HeldReason = 'not_proven' | 'not_staff' | 'moved' | 'private_details' | 'attachments';

export type EmailTemplate = keyof EmailTemplateData;
export const EMAIL_TEMPLATES = [
  'report-confirm',
  'report-published',
  'subscription-confirm',
  'report-new',
  'report-relay',
  'report-update',
  'report-moved',
  'report-withdrawn',
  'report-private',
  'fixed-question',
  'not-ours-alert',
  'status-words-help',
  'bounce-alert',
  'held-reply',
  'reply-expired',
  'reply-withdrawn',
  'reply-held',
  'reply-empty',
  'status-word-refused',
  'duplicate-refused',
  'photos-refused',
  'inbound-alert',
  'staff-sign-in',
  'staff-locked',
  'staff-two-factor-reset',
  'staff-assigned',
  ...HELP_OFFER_TEMPLATES,
  ...HELP_REQUEST_TEMPLATES,
  ...HELP_MATCH_TEMPLATES,
  ...ALERT_TEMPLATES,
] as const satisfies readonly EmailTemplate[];
