import type { Knex } from 'knex';
import { forgetAddressInInboundMail, forgetSendersInReportMail } from '../../inbound/forget-address.js';
import { storedAddress } from '../../mail/address-key.js';
import { ERASED_ADDRESS, ERASED_TITLE } from '../../mail/erasure.js';
import { PHOTOS } from '../../photos/repository.js';
import { forgetAddressCounters, forgetPhoneCounters } from '../../ratelimit/address-keys.js';
import { REPORTS } from '../../reports/repository.js';
import { UPDATES } from '../../timeline/repository.js';
import { HELP_REQUESTS } from './rows.js';

/**
 * Erases the person of a request, keeping what counts: category, parish, dates, status, kinds,
 * wants, days and languages stay; names, contacts, words, places and photos go. The timeline
 * keeps its rows (who kind, when, status changes) without their words; emails that left keep
 * their row (kind, recipient, time) without subject, bodies or the person's address, and those
 * still waiting are not sent. Answers the storage keys
 * of the photos whose rows were deleted, for the caller to remove once this has committed.
 */
export async function eraseRequestPerson(
  db: Knex.Transaction,
  reportId: number,
  now: Date,
): Promise<{ photos: string[]; rawMail: string[] }> {
  const report = (await db(REPORTS).where({ id: reportId }).first('reporter_email', 'reporter_phone')) as
    { reporter_email: string | null; reporter_phone: string | null } | undefined;
  // The request's row is locked for the change, as HelpRequestRepository.lock does.
  const request = (await db(HELP_REQUESTS)
    .where({ report_id: reportId })
    .forUpdate()
    .first('subject_email', 'subject_phone')) as
    { subject_email: string | null; subject_phone: string | null } | undefined;
  const addresses = [report?.reporter_email, request?.subject_email]
    .filter((email): email is string => Boolean(email))
    .map(storedAddress);
  // The form's counters of requests naming the asker's or the person's contacts hold them in their key.
  for (const address of addresses) await forgetAddressCounters(db, address);
  for (const phone of [report?.reporter_phone, request?.subject_phone])
    if (phone) await forgetPhoneCounters(db, phone);
  await db(REPORTS).where({ id: reportId }).update({
    reporter_name: '',
    reporter_email: null,
    reporter_phone: null,
    title: ERASED_TITLE,
    erased_at: now,
    description: '',
    location: '',
    // Written again, from the erased words, by the search's catch-up (reports/search-words.ts).
    search_text: null,
    lat: null,
    lon: null,
    updated_at: now,
  });
  await db(HELP_REQUESTS).where({ report_id: reportId }).update({
    subject_name: null,
    subject_phone: null,
    subject_email: null,
    times: '',
    erased_at: now,
  });
  await db(UPDATES)
    .where({ report_id: reportId })
    .update({ public_text: null, search_text: null, internal_note: null });
  await db(UPDATES).where({ report_id: reportId, author_kind: 'reporter' }).update({ author_name: null });
  const photos = (await db(PHOTOS).where({ report_id: reportId }).pluck('storage_key')) as string[];
  await db(PHOTOS).where({ report_id: reportId }).delete();
  // What has not left yet never will; what left keeps its row without its words or the address.
  await db('outbox').where({ report_id: reportId, status: 'pending' }).delete();
  await db('outbox')
    .where({ report_id: reportId })
    .update({ subject: ERASED_TITLE, text_body: '', html_body: '', bodies_purged_at: now });
  if (addresses.length > 0)
    await db('outbox')
      .where({ report_id: reportId })
      .whereRaw(`lower(to_email) in (${addresses.map(() => '?').join(', ')})`, addresses)
      .update({ to_email: ERASED_ADDRESS, to_name: null });
  // Matching's words about the person (what the volunteer was told, concerns) go with them; its
  // events hold codes only and stay.
  const matches = db('help_matches').where({ report_id: reportId }).select('id');
  await db('help_matches').where({ report_id: reportId }).update({ need_text: '' });
  await db('help_concerns').whereIn('match_id', matches).update({ text: '', erased_at: now });
  // Mail about the request (a held reply naming the person, quoting the request) goes too: what
  // staff had not decided on is dropped, so nothing can be published onto the erased request.
  await db('inbound_messages')
    .where({ report_id: reportId })
    .whereNull('decided_at')
    .update({ outcome: 'dropped', decided_at: now, next_attempt_at: null });
  const rawMail = (await db('inbound_messages')
    .where({ report_id: reportId })
    .whereNotNull('raw_key')
    .pluck('raw_key')) as string[];
  await db('inbound_messages')
    .where({ report_id: reportId })
    .update({ raw: null, raw_key: null, raw_purged_at: now, subject: ERASED_TITLE, detail: null });
  // Who wrote it goes as a reporter's address does on erasure: the From and the envelope sender.
  await forgetSendersInReportMail(db, reportId, addresses, now, rawMail);
  // Automatic answers and delivery reports tied to no report were kept with their sender as it
  // came: the person's address goes from those too.
  for (const address of addresses)
    await forgetAddressInInboundMail(db, address, now, rawMail, { untied: true });
  return { photos, rawMail };
}
