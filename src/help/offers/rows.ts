import { storedAddress } from '../../mail/address-key.js';
import type { HelpKind, HelpOffer, OfferStatus } from '../types.js';
import { DAYS, HELP_KINDS, SPOKEN, codesOf } from '../types.js';

/* The help_offers tables as rows, and as the offers and details the rest of the code speaks of. */

export const OFFERS = 'help_offers';
export const OFFER_KINDS = 'help_offer_kinds';
export const OFFER_PARISHES = 'help_offer_parishes';

/** What a volunteer says about their offer: the form's fields, on first offering and on editing. */
export type OfferDetails = Pick<
  HelpOffer,
  | 'offeredBy'
  | 'name'
  | 'listed'
  | 'email'
  | 'phone'
  | 'shareEmail'
  | 'sharePhone'
  | 'kinds'
  | 'parishes'
  | 'days'
  | 'times'
  | 'askMe'
  | 'speaks'
  | 'about'
  | 'capacity'
>;

/** An offer as stored: what matching reads, and when it was last changed or erased. */
export interface OfferRecord extends HelpOffer {
  updatedAt: Date;
  erasedAt: Date | null;
  /** A new address the volunteer gave, until they open the link sent to it. */
  pendingEmail: string | null;
}

/** A change of state: the status and the dates that go with it. */
export interface StatusChange {
  status?: OfferStatus;
  confirmedAt?: Date;
  pausedAt?: Date | null;
  withdrawnAt?: Date | null;
  checkedAt?: Date;
  checkSentAt?: Date | null;
}

export interface OfferRow {
  id: number;
  status: OfferStatus;
  offered_by: 'individual' | 'organisation';
  name: string;
  listed: boolean;
  email: string;
  phone: string | null;
  share_email: boolean;
  share_phone: boolean;
  days: string;
  times: string;
  ask_me: boolean;
  speaks: string;
  about: string;
  capacity: number;
  language: 'lv' | 'en' | 'ru';
  created_at: Date;
  confirmed_at: Date | null;
  updated_at: Date;
  paused_at: Date | null;
  withdrawn_at: Date | null;
  checked_at: Date | null;
  check_sent_at: Date | null;
  erased_at: Date | null;
  pending_email: string | null;
}

const date = (value: Date | string | null) => (value === null ? null : new Date(value));

export function rowToOffer(row: OfferRow, kinds: HelpKind[], parishes: string[]): OfferRecord {
  return {
    id: row.id,
    status: row.status,
    offeredBy: row.offered_by,
    name: row.name,
    listed: row.listed,
    email: row.email,
    phone: row.phone,
    shareEmail: row.share_email,
    sharePhone: row.share_phone,
    kinds: HELP_KINDS.filter((kind) => kinds.includes(kind)),
    parishes: [...parishes].sort(),
    days: codesOf(row.days, DAYS),
    times: row.times,
    askMe: row.ask_me,
    speaks: codesOf(row.speaks, SPOKEN),
    about: row.about,
    capacity: row.capacity,
    language: row.language,
    createdAt: new Date(row.created_at),
    confirmedAt: date(row.confirmed_at),
    updatedAt: new Date(row.updated_at),
    pausedAt: date(row.paused_at),
    withdrawnAt: date(row.withdrawn_at),
    checkedAt: date(row.checked_at),
    checkSentAt: date(row.check_sent_at),
    erasedAt: date(row.erased_at),
    pendingEmail: row.pending_email ?? null,
  };
}

export function detailColumns(details: OfferDetails) {
  return {
    offered_by: details.offeredBy,
    name: details.name,
    // Only an organisation is ever listed by name.
    listed: details.offeredBy === 'organisation' && details.listed,
    email: storedAddress(details.email),
    phone: details.phone,
    share_email: details.shareEmail,
    share_phone: details.sharePhone,
    days: DAYS.filter((day) => details.days.includes(day)).join(','),
    times: details.times,
    ask_me: details.askMe,
    speaks: SPOKEN.filter((code) => details.speaks.includes(code)).join(','),
    about: details.about,
    capacity: details.capacity,
  };
}

export function statusColumns(change: StatusChange) {
  const columns: Record<string, unknown> = {};
  if (change.status !== undefined) columns.status = change.status;
  if (change.confirmedAt !== undefined) columns.confirmed_at = change.confirmedAt;
  if (change.pausedAt !== undefined) columns.paused_at = change.pausedAt;
  if (change.withdrawnAt !== undefined) columns.withdrawn_at = change.withdrawnAt;
  if (change.checkedAt !== undefined) columns.checked_at = change.checkedAt;
  if (change.checkSentAt !== undefined) columns.check_sent_at = change.checkSentAt;
  return columns;
}

export const ids = (rows: { id: number }[]) => rows.map((row) => row.id);
