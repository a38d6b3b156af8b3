import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import { forgetAddressInInboundMail, forgetSendersInReportMail } from '../../inbound/forget-address.js';
import { ERASED_ADDRESS, ERASED_TITLE } from '../../mail/erasure.js';
import { PHOTOS } from '../../photos/repository.js';
import { forgetAddressCounters, forgetPhoneCounters } from '../../ratelimit/address-keys.js';
import { REPORTS } from '../../reports/repository.js';
import { UPDATES } from '../../timeline/repository.js';
import { DAYS, HELP_KINDS, SPOKEN, codesOf, type HelpRequestDetails } from '../types.js';
import { GOING_AHEAD } from '../matching/states.js';
import type { HelpDetailsInput } from './schema.js';

export const HELP_REQUESTS = 'help_requests';
/** The unique index on the form's submission keys (the help_submission_keys migration). */
export const SUBMISSION_KEY_INDEX = 'help_requests_submission_key_unique';

interface HelpRequestRow {
  report_id: number;
  for_whom: 'self' | 'other';
  subject_knows: 'yes' | 'no' | 'unsure' | null;
  subject_name: string | null;
  subject_phone: string | null;
  subject_email: string | null;
  subject_told_at: Date | null;
  kinds: string;
  wants: 'volunteer' | 'call_back' | 'visit';
  days: string;
  times: string;
  speaks: string;
  created_at: Date;
  erased_at: Date | null;
}

/** A recent request and what tells whether it is the same form sent again (`recentWithWords`). */
export interface RecentRequest {
  reportId: number;
  forWhom: 'self' | 'other';
  asker: { email: string | null; phone: string | null };
  subject: { name: string | null; email: string | null; phone: string | null };
}

/** A request's details as stored, with when (if ever) the person was erased. */
export interface HelpRequestRecord extends HelpRequestDetails {
  erasedAt: Date | null;
}

const rowToDetails = (row: HelpRequestRow): HelpRequestRecord => ({
  reportId: row.report_id,
  forWhom: row.for_whom,
  subjectKnows: row.subject_knows,
  subjectName: row.subject_name,
  subjectPhone: row.subject_phone,
  subjectEmail: row.subject_email,
  subjectToldAt: row.subject_told_at ? new Date(row.subject_told_at) : null,
  kinds: codesOf(row.kinds, HELP_KINDS),
  wants: row.wants,
  days: codesOf(row.days, DAYS),
  times: row.times,
  speaks: codesOf(row.speaks, SPOKEN),
  createdAt: new Date(row.created_at),
  erasedAt: row.erased_at ? new Date(row.erased_at) : null,
});

/** The help half of requests (the other half is the report); and erasing the person of one. */
export class HelpRequestRepository {
  constructor(private readonly knex: Knex) {}

  /** The help half of a new request; `submissionKey` is the form's (unique: SUBMISSION_KEY_INDEX). */
  async insert(
    db: Queryable,
    reportId: number,
    details: HelpDetailsInput,
    now: Date,
    submissionKey: string | null = null,
  ): Promise<void> {
    await db(HELP_REQUESTS).insert({
      report_id: reportId,
      submission_key: submissionKey,
      for_whom: details.forWhom,
      subject_knows: details.subjectKnows,
      subject_name: details.subjectName,
      subject_phone: details.subjectPhone,
      subject_email: details.subjectEmail,
      kinds: details.kinds.join(','),
      wants: details.wants,
      days: details.days.join(','),
      times: details.times,
      speaks: details.speaks.join(','),
      created_at: now,
    });
  }

  /** The report id of the request a form with this submission key made, if one did. */
  async reportIdBySubmissionKey(key: string, db: Queryable = this.knex): Promise<number | undefined> {
    const row = (await db(HELP_REQUESTS).where({ submission_key: key }).first('report_id')) as
      { report_id: number } | undefined;
    return row?.report_id;
  }

  /**
   * Requests made since `since` in a parish with exactly these words, neither withdrawn nor erased,
   * newest first, with whom each is for and the contacts in it, which tell whether one is the same
   * form sent again: where a request sent once more (back and send again) finds the first.
   */
  async recentWithWords(
    db: Queryable,
    wanted: { parishCode: string; description: string; since: Date },
  ): Promise<RecentRequest[]> {
    const rows = (await db(`${HELP_REQUESTS} as h`)
      .join(`${REPORTS} as r`, 'r.id', 'h.report_id')
      .where({ 'r.parish_code': wanted.parishCode, 'r.description': wanted.description })
      .where('r.created_at', '>=', wanted.since)
      .whereNull('r.withdrawn_at')
      .whereNull('r.erased_at')
      .whereNull('h.erased_at')
      .orderBy('r.id', 'desc')
      .select(
        'r.id as report_id',
        'r.reporter_email',
        'r.reporter_phone',
        'h.for_whom',
        'h.subject_name',
        'h.subject_email',
        'h.subject_phone',
      )) as {
      report_id: number;
      reporter_email: string | null;
      reporter_phone: string | null;
      for_whom: 'self' | 'other';
      subject_name: string | null;
      subject_email: string | null;
      subject_phone: string | null;
    }[];
    return rows.map((row) => ({
      reportId: row.report_id,
      forWhom: row.for_whom,
      asker: { email: row.reporter_email, phone: row.reporter_phone },
      subject: { name: row.subject_name, email: row.subject_email, phone: row.subject_phone },
    }));
  }

  /** The details of the request that is this report, if it is one (erased ones too). */
  async byReportId(reportId: number, db: Queryable = this.knex): Promise<HelpRequestRecord | undefined> {
    const row = (await db(HELP_REQUESTS).where({ report_id: reportId }).first()) as
      HelpRequestRow | undefined;
    return row ? rowToDetails(row) : undefined;
  }

  /** The details of several requests at once (erased ones too), in no particular order. */
  async byReportIds(reportIds: readonly number[], db: Queryable = this.knex): Promise<HelpRequestRecord[]> {
    if (reportIds.length === 0) return [];
    const rows = (await db(HELP_REQUESTS).whereIn('report_id', reportIds)) as HelpRequestRow[];
    return rows.map(rowToDetails);
  }

  /** Locks the request's row for a change; undefined when the report is no request. */
  async lock(db: Knex.Transaction, reportId: number): Promise<HelpRequestRecord | undefined> {
    const row = (await db(HELP_REQUESTS).where({ report_id: reportId }).forUpdate().first()) as
      HelpRequestRow | undefined;
    return row ? rowToDetails(row) : undefined;
  }

  /** The person a request is for has been told of it (by email, or by staff on the phone). */
  async markTold(db: Queryable, reportId: number, now: Date): Promise<boolean> {
    const changed = await db(HELP_REQUESTS)
      .where({ report_id: reportId })
      .whereNull('subject_told_at')
      .update({ subject_told_at: now });
    return Number(changed) === 1;
  }

  /**
   * Erases the person of a request, keeping what counts: category, parish, dates, status, kinds,
   * wants, days and languages stay; names, contacts, words, places and photos go. The timeline
   * keeps its rows (who kind, when, status changes) without their words; emails that left keep
   * their row (kind, recipient, time) without subject, bodies or the person's address, and those
   * still waiting are not sent. Answers the storage keys
   * of the photos whose rows were deleted, for the caller to remove once this has committed.
   */
  async erase(
    db: Knex.Transaction,
    reportId: number,
    now: Date,
  ): Promise<{ photos: string[]; rawMail: string[] }> {
    const report = (await db(REPORTS).where({ id: reportId }).first('reporter_email', 'reporter_phone')) as
      { reporter_email: string | null; reporter_phone: string | null } | undefined;
    const request = await this.lock(db, reportId);
    const addresses = [report?.reporter_email, request?.subjectEmail]
      .filter((email): email is string => Boolean(email))
      .map((email) => email.toLowerCase());
    // The form's counters of requests naming the asker's or the person's contacts hold them in their key.
    for (const address of addresses) await forgetAddressCounters(db, address);
    for (const phone of [report?.reporter_phone, request?.subjectPhone])
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

  /** Requests of a scope still open with no match going ahead, oldest first, whatever they want. */
  async waiting(scope: { parishes: readonly string[] | 'all' }, limit: number) {
    const query = this.knex(`${HELP_REQUESTS} as h`)
      .join('reports as r', 'r.id', 'h.report_id')
      .whereIn('r.status', ['open', 'acknowledged', 'in_progress'])
      .whereNull('h.erased_at')
      .whereNotExists(
        this.knex('help_matches')
          .whereRaw('help_matches.report_id = h.report_id')
          .whereIn('state', [...GOING_AHEAD]),
      )
      .orderBy('r.created_at')
      .limit(limit)
      .select('r.ref', 'r.title', 'r.parish_code', 'r.created_at', 'h.wants', 'h.kinds')
      .select(
        this.knex('help_matches')
          .whereRaw('help_matches.report_id = h.report_id')
          .where('state', 'proposed')
          .count('*')
          .as('proposed'),
      );
    if (scope.parishes !== 'all') void query.whereIn('r.parish_code', [...scope.parishes]);
    return (await query) as {
      ref: string;
      title: string;
      parish_code: string;
      created_at: Date;
      wants: string;
      kinds: string;
      proposed: number | string;
    }[];
  }
}
