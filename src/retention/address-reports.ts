import type { Knex } from 'knex';
import { pendingOffersOf, unconfirmedOf } from './address-unproven.js';

/** At most this many of each are listed; `more` says there are others. */
export const LISTED = 50;

/**
 * What an address filed that erasing its follows and alerts leaves: each is erased on its own
 * page, by an administrator (so the address page lists them for the one answering the request).
 */
export interface AddressFiled {
  /** Public reports whose reporter still has this address: erased on `erase-reporter`. */
  reports: { ref: string; title: string }[];
  /**
   * Requests for help asked by this address, or for it, not yet erased: private, staff's only.
   * `request` false: a private report not made a request yet, erased once it is one.
   */
  requests: { ref: string; request: boolean }[];
  /** Volunteers' offers of help with this address, not yet erased. */
  offers: { id: number; name: string }[];
  /** Reports sent from it, or asking help for it, never confirmed: erasing the address deletes them. */
  unconfirmed: { ref: string }[];
  /** Offers waiting for it to be confirmed as their new address: erasing the address drops it. */
  pendingOffers: { id: number; name: string }[];
  /** More than `LISTED` of one of them: the first ones are listed. */
  more: boolean;
}

/**
 * The reports, requests for help and offers of `address` (lower case), newest first (and what it
 * never proved, `address-unproven.ts`), each found
 * by an index on the address in lower case (`reports_reporter_email`, and the migration
 * `20270106010000_help_by_address`). A report whose reporter was erased or anonymised has no
 * address left, so it is not listed.
 */
export async function addressFiled(knex: Knex, address: string): Promise<AddressFiled> {
  const reports = (await knex('reports')
    .whereRaw('lower(reporter_email) = ?', [address])
    .where({ is_private: false })
    .whereNot({ status: 'unconfirmed' })
    .orderBy('created_at', 'desc')
    .limit(LISTED + 1)
    .select('ref', 'title')) as AddressFiled['reports'];
  // Asked by the address (its reporter) or for it (the person it is for): two indexed lookups. A
  // private report not made a request yet is the asker's too (its staff page makes it one).
  const byReporter = knex('reports')
    .leftJoin('help_requests', 'help_requests.report_id', 'reports.id')
    .whereRaw('lower(reports.reporter_email) = ?', [address])
    .where('reports.is_private', true)
    .whereNull('help_requests.erased_at');
  const forSubject = knex('help_requests')
    .join('reports', 'reports.id', 'help_requests.report_id')
    .whereRaw('lower(help_requests.subject_email) = ?', [address])
    .whereNull('help_requests.erased_at');
  const columns = [
    'reports.ref',
    'reports.created_at',
    knex.raw('help_requests.report_id is not null as request'),
  ];
  const requests = (await knex
    .select('ref', 'request')
    .from(
      byReporter
        .whereNot('reports.status', 'unconfirmed')
        .select(columns)
        .union(forSubject.whereNot('reports.status', 'unconfirmed').select(columns))
        .as('asked'),
    )
    .orderBy('created_at', 'desc')
    .limit(LISTED + 1)) as AddressFiled['requests'];
  const offers = (await knex('help_offers')
    .whereRaw('lower(email) = ?', [address])
    .whereNull('erased_at')
    .orderBy('created_at', 'desc')
    .limit(LISTED + 1)
    .select('id', 'name')) as AddressFiled['offers'];
  const unconfirmed = (await unconfirmedOf(knex, address)
    .orderBy('created_at', 'desc')
    .limit(LISTED + 1)) as AddressFiled['unconfirmed'];
  const pendingOffers = (await pendingOffersOf(knex, address)
    .orderBy('created_at', 'desc')
    .limit(LISTED + 1)
    .select('id', 'name')) as AddressFiled['pendingOffers'];
  const lists = [reports, requests, offers, unconfirmed, pendingOffers];
  return {
    reports: reports.slice(0, LISTED),
    requests: requests.slice(0, LISTED),
    offers: offers.slice(0, LISTED),
    unconfirmed: unconfirmed.map(({ ref }) => ({ ref })).slice(0, LISTED),
    pendingOffers: pendingOffers.slice(0, LISTED),
    more: lists.some((list) => list.length > LISTED),
  };
}
