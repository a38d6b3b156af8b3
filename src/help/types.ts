/*
 * The words help is described in, shared by offers, requests and matching. Each is a code here
 * and a catalog key in the reader's language (`help.kinds.<code>`, `help.days.<code>`,
 * `help.speaks.<code>`).
 */

export const HELP_KINDS = [
  'transport',
  'shopping',
  'household',
  'company',
  'digital',
  'paperwork',
  'other',
] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

/** Languages people speak in the novads: Latvian, Latgalian, Russian, English, other. */
export const SPOKEN = ['lv', 'ltg', 'ru', 'en', 'other'] as const;
export type Spoken = (typeof SPOKEN)[number];

export type OfferStatus = 'unconfirmed' | 'active' | 'paused' | 'withdrawn';

export interface HelpOffer {
  id: number;
  status: OfferStatus;
  offeredBy: 'individual' | 'organisation';
  name: string;
  /** An organisation listed by name on /help. */
  listed: boolean;
  email: string;
  phone: string | null;
  shareEmail: boolean;
  sharePhone: boolean;
  kinds: HelpKind[];
  parishes: string[];
  days: Day[];
  times: string;
  askMe: boolean;
  speaks: Spoken[];
  about: string;
  capacity: number;
  language: 'lv' | 'en' | 'ru';
  createdAt: Date;
  confirmedAt: Date | null;
  pausedAt: Date | null;
  withdrawnAt: Date | null;
  checkedAt: Date | null;
  checkSentAt: Date | null;
}

/** The help-specific half of a request; the other half is its (private) report. */
export interface HelpRequestDetails {
  reportId: number;
  forWhom: 'self' | 'other';
  subjectKnows: 'yes' | 'no' | 'unsure' | null;
  subjectName: string | null;
  subjectPhone: string | null;
  subjectEmail: string | null;
  subjectToldAt: Date | null;
  kinds: HelpKind[];
  wants: 'volunteer' | 'call_back' | 'visit';
  days: Day[];
  times: string;
  speaks: Spoken[];
  createdAt: Date;
}

export const MATCH_STATES = [
  'proposed',
  'accepted',
  'declined',
  'agreed',
  'refused',
  'shared',
  'cancelled',
  'done',
] as const;
export type MatchState = (typeof MATCH_STATES)[number];

/** A comma-separated column as the codes it may hold; anything else is dropped. */
export function codesOf<T extends string>(value: string | null | undefined, allowed: readonly T[]): T[] {
  return (value ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter((code): code is T => (allowed as readonly string[]).includes(code));
}
