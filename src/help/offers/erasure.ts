import { affectedRows } from '../../db/affected.js';
import type { Queryable } from '../../db/transaction.js';
import { forgetAddressInInboundMail, forgetSenderInOthersReportMail } from '../../inbound/forget-address.js';
import { storedAddress } from '../../mail/address-key.js';
import { eraseOfferMail } from '../../mail/erasure.js';
import { forgetAddressCounters } from '../../ratelimit/address-keys.js';
import { OFFERS } from './rows.js';

/**
 * Erases the person and keeps the statistics: kinds, parishes, days, languages, dates and the
 * status stay; name, contacts, words (their concerns too) and times go, and the offer is
 * withdrawn. The raw inbound mail files about them are pushed to `rawKeys`, for the caller to
 * delete once committed.
 */
export async function eraseVolunteer(
  trx: Queryable,
  id: number,
  now: Date,
  rawKeys: string[],
): Promise<boolean> {
  const found = (await trx(OFFERS)
    .where({ id })
    .whereNull('erased_at')
    .forUpdate()
    .first('email', 'pending_email')) as { email: string; pending_email: string | null } | undefined;
  if (!found) return false;
  // The emails to them, and those that named them, go with them (`mail/erasure.ts`).
  await eraseOfferMail(trx, id, [found.email, found.pending_email ?? ''], now);
  // The mail that came back about those emails, or answered them automatically, is tied to no
  // report: it forgets them too (the raw files' keys go to `rawKeys`, to delete once committed).
  // So does what they wrote to a request's reply address that was not made for them (its email
  // passed on to them): tied to the request, it keeps the request person's, not theirs. The
  // counters of the offer form's emails to them hold the address in their key: they go too.
  for (const address of new Set([found.email, found.pending_email].filter(Boolean))) {
    await forgetAddressInInboundMail(trx, storedAddress(address!), now, rawKeys, { untied: true });
    await forgetSenderInOthersReportMail(trx, storedAddress(address!), now, rawKeys);
    await forgetAddressCounters(trx, address!);
  }
  // What they raised about their matches is their own words (a name, a phone in it): it goes; the
  // person's concerns stay theirs, and go with the request's erasure.
  await trx('help_concerns')
    .where({ side: 'volunteer' })
    .whereNull('erased_at')
    .whereIn('match_id', trx('help_matches').where({ offer_id: id }).select('id'))
    .update({ text: '', erased_at: now });
  const updated = await trx(OFFERS)
    .where({ id })
    .whereNull('erased_at')
    .update({
      name: '',
      email: '',
      pending_email: null,
      phone: null,
      about: '',
      times: '',
      listed: false,
      status: 'withdrawn',
      withdrawn_at: trx.raw('coalesce(withdrawn_at, ?)', [now]),
      check_sent_at: null,
      erased_at: now,
      updated_at: now,
    });
  return affectedRows(updated) > 0;
}
