import type { Language } from '../i18n/index.js';
import type { ParishType } from '../reference/types.js';
import type { PrivateReaders } from './private-readers.js';

export const STATUSES = ['unconfirmed', 'open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
/** The statuses anyone may filter the public list by. */
export const PUBLIC_STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
export type CloseReason = 'not_responsible' | 'duplicate' | 'no_action' | 'withdrawn';
export const REPORT_SOURCES = ['web', 'phone', 'visit', 'letter'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

export interface Report {
  id: number;
  ref: string;
  categoryCode: string;
  parishCode: string;
  isPrivate: boolean;
  title: string;
  description: string;
  location: string;
  lat: number | null;
  lon: number | null;
  reporterName: string;
  /** Null for a report staff took by phone, at a visit or from a letter without an address. */
  reporterEmail: string | null;
  reporterPhone: string | null;
  showName: boolean;
  /** The reporter's language: the one their emails and their own page speak. */
  language: Language;
  /** The language its title and description are written in: they carry it as `lang`. */
  textLanguage: Language;
  status: Status;
  closeReason: CloseReason | null;
  hidden: boolean;
  /** When a moderator hid it, and why (the report itself is kept). */
  hiddenAt: Date | null;
  hiddenReason: string | null;
  /** Held (a banned sender's report): kept, never routed or published, until staff decide. */
  heldAt: Date | null;
  heldReason: string | null;
  /** How it reached Tilts: a resident on the web, or staff taking it by phone, at a visit, from a letter. */
  source: ReportSource;
  enteredByStaffId: number | null;
  assignedStaffId: number | null;
  duplicateOf: number | null;
  confirmExpiresAt: Date | null;
  confirmedAt: Date | null;
  routedAt: Date | null;
  withdrawnAt: Date | null;
  /** The person of a request for help was erased: their link opens nothing more. */
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Photo {
  id: number;
  storageKey: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  updateId: number | null;
  /** When a moderator hid it (the file is kept, served to nobody); never why, on a public page. */
  hiddenAt?: Date | null;
}

export type AuthorKind = 'reporter' | 'recipient' | 'staff' | 'subscriber' | 'system';
export type Channel = 'web' | 'email' | 'link' | 'phone' | 'system';

export interface ReportUpdate {
  id: number;
  reportId: number;
  authorKind: AuthorKind;
  authorName: string | null;
  channel: Channel;
  fromStatus: Status | null;
  toStatus: Status | null;
  publicText: string | null;
  internalNote: string | null;
  isPublic: boolean;
  /** What the text is written in; null when there is no text (or it predates the column). */
  language: Language | null;
  createdAt: Date;
  photos: Photo[];
  /** The role of the contact who wrote it, so a page can say "parish administration" or "social worker". */
  authorRole?: ContactRole | null;
  /** Whether that contact's place is a parish or a town: a town's administration is named so (officeRole). */
  authorParishType?: ParishType | null;
  /** When a moderator hid it: pages then show that it was hidden, without its text or photos. */
  hiddenAt?: Date | null;
  /** Who wrote it in the workspace, on staff's timeline only (null: not staff, or since deleted). */
  staffName?: string | null;
}

export type ContactRole = 'parish_admin' | 'social_worker' | 'municipality';

export interface Recipient {
  id: number;
  contactId: number | null;
  role: string;
  name: string;
  email: string;
  /** The language of the emails this recipient gets: their contact's (Latvian unless an admin chose). */
  language: Language;
  /** Whether its contact's place is a parish or a town (officeRole names a town's office so); null for none. */
  parishType: ParishType | null;
}

export interface PublicFilters {
  parish?: string | undefined;
  apvieniba?: string | undefined;
  category?: string | undefined;
  status?: PublicStatus | undefined;
  q?: string | undefined;
  page: number;
}

/** What a list shows of a report: never an email or a phone. */
export interface ReportSummary {
  id: number;
  ref: string;
  categoryCode: string;
  parishCode: string;
  title: string;
  location: string;
  /** The language the reporter wrote in: the title and place carry it as `lang`. */
  language: Language;
  status: Status;
  createdAt: Date;
  thumbKey: string | null;
  lat: number | null;
  lon: number | null;
  /** The name its reporter kept back (`maskedName`), only to mask it where they typed it; never shown. */
  writerName: string | null;
}

export type Viewed = {
  report: Report;
  asReporter: boolean;
  timeline: ReportUpdate[];
  /** The report's own photos (not its updates'), hidden ones included: the page shows when. */
  photos: Photo[];
  /** The report this one was closed as a duplicate of, when anyone may see that one. */
  duplicateOf?: string | null;
  /** On its reporter's own page of a private report: who else reads it, as the page says. */
  privateReaders?: PrivateReaders;
};

/**
 * What a report's address shows a visitor: the report, or only that a moderator hid it, or that
 * the one who sent it withdrew it (a follower's link then says why it is gone, not "not found").
 */
export type Lookup =
  | ({ kind: 'shown' } & Viewed)
  | { kind: 'hidden'; hiddenAt: Date }
  | { kind: 'withdrawn'; withdrawnAt: Date }
  | { kind: 'erased'; erasedAt: Date };
