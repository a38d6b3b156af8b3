import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import { ERASED_ADDRESS, ERASED_TITLE, maskWhole } from '../mail/erasure.js';
import { PHOTOS } from '../photos/repository.js';

/**
 * What an address holds that it never proved, and which erasing the address takes with it: reports
 * it sent (or that ask for help for it) and never confirmed, which no page can erase one by one
 * (they are deleted 14 days after they were sent), and the volunteers' offers waiting for it to
 * confirm it as their new address (the offer keeps its own, proven address).
 */
export interface AddressUnproven {
  /** Reports never confirmed: deleted, with their photos. */
  unconfirmedReports: number;
  /** Offers whose new address, not yet confirmed, is this one: it is dropped. */
  pendingAddresses: number;
}

/** Unconfirmed reports sent from `address` (lower case), or asking for help for it: two indexed lookups. */
export function unconfirmedOf(db: Queryable, address: string) {
  const byReporter = db('reports')
    .where('status', 'unconfirmed')
    .whereRaw('lower(reporter_email) = ?', [address])
    .select('reports.id', 'reports.ref', 'reports.created_at');
  const forSubject = db('help_requests')
    .join('reports', 'reports.id', 'help_requests.report_id')
    .where('reports.status', 'unconfirmed')
    .whereRaw('lower(help_requests.subject_email) = ?', [address])
    .select('reports.id', 'reports.ref', 'reports.created_at');
  return db.select('id', 'ref', 'created_at').from(byReporter.union(forSubject).as('unconfirmed'));
}

/**
 * Offers not erased whose new address waiting to be confirmed is `address` (lower case), by the
 * partial index `help_offers_pending_email_lower` (of those that wait: hence `whereNotNull`).
 */
export const pendingOffersOf = (db: Queryable, address: string) =>
  db('help_offers')
    .whereNotNull('pending_email')
    .whereRaw('lower(pending_email) = ?', [address])
    .whereNull('erased_at');

const count = async (query: Knex.QueryBuilder) =>
  Number(((await query.clone().clearSelect().count({ n: '*' }).first()) as { n: number | string }).n);

/** How many of each `address` holds. */
export async function addressUnproven(knex: Knex, address: string): Promise<AddressUnproven> {
  const unconfirmed = (await unconfirmedOf(knex, address)) as unknown[];
  return {
    unconfirmedReports: unconfirmed.length,
    pendingAddresses: await count(pendingOffersOf(knex, address)),
  };
}

/**
 * Erases what `address` (lower case) never proved, in `trx`: its unconfirmed reports are deleted
 * as the 14-day purge deletes them (their photos' keys are pushed to `photoKeys`, to delete once
 * committed), with their emails first: those waiting to go are deleted, those that went keep their
 * row without words, and without the address where it was theirs (a request's asker keeps theirs).
 * An offer waiting for it as its new address keeps its own, and its emails to it keep no address or
 * words; the link sent to it no longer works. The mail that came in about them, and the counters of
 * the address, go with the rest of the address's erasure (`RetentionRepository.eraseAddress`).
 */
export async function eraseUnproven(
  trx: Knex.Transaction,
  address: string,
  now: Date,
  photoKeys: string[],
): Promise<AddressUnproven> {
  const found = (await unconfirmedOf(trx, address)) as { id: number }[];
  // Locked and read again: one confirmed meanwhile is a report like any other, and stays.
  const ids = (await trx('reports')
    .whereIn(
      'id',
      found.map((row) => row.id),
    )
    .where('status', 'unconfirmed')
    .forUpdate()
    .pluck('id')) as number[];
  if (ids.length > 0) {
    const ofThem = () => trx('outbox').whereIn('report_id', ids);
    await ofThem().where({ status: 'pending' }).delete();
    await forgetIn(ofThem, address);
    // The reports go: no email of theirs keeps its words (a request's names another person).
    await ofThem().update({ subject: ERASED_TITLE, text_body: '', html_body: '', bodies_purged_at: now });
    photoKeys.push(...((await trx(PHOTOS).whereIn('report_id', ids).pluck('storage_key')) as string[]));
    await trx('reports').whereIn('id', ids).where('status', 'unconfirmed').delete();
  }
  const offers = (await pendingOffersOf(trx, address).forUpdate().pluck('id')) as number[];
  if (offers.length > 0) {
    const toIt = () =>
      trx('outbox').whereIn('help_offer_id', offers).whereRaw('lower(to_email) = ?', [address]);
    await toIt().where({ status: 'pending' }).delete();
    await forgetIn(toIt, address);
    await toIt().update({ subject: ERASED_TITLE, text_body: '', html_body: '', bodies_purged_at: now });
    await trx('help_offers').whereIn('id', offers).update({ pending_email: null, updated_at: now });
  }
  return { unconfirmedReports: ids.length, pendingAddresses: offers.length };
}

/**
 * The address out of the emails `rows` finds: as their recipient, and in their delivery error
 * (the receiving server's answer names it), which keeps MASK for it.
 */
async function forgetIn(rows: () => Knex.QueryBuilder, address: string): Promise<void> {
  const errors = (await rows()
    .whereRaw('position(? in lower(last_error)) > 0', [address])
    .select('id', 'last_error')) as { id: number; last_error: string }[];
  for (const row of errors)
    await rows()
      .where({ id: row.id })
      .update({ last_error: maskWhole(row.last_error, [address]) });
  await rows().whereRaw('lower(to_email) = ?', [address]).update({ to_email: ERASED_ADDRESS, to_name: null });
}
