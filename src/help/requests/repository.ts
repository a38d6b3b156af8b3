import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import { storedAddressOrNull } from '../../mail/address-key.js';
import { REPORTS } from '../../reports/repository.js';
import { GOING_AHEAD } from '../matching/states.js';
import { eraseRequestPerson } from './erasure.js';
import { HELP_REQUESTS, rowToDetails, type HelpRequestRecord, type HelpRequestRow } from './rows.js';
import type { HelpDetailsInput } from './schema.js';

export type { HelpRequestRecord } from './rows.js';

/** The unique index on the form's submission keys (the help_submission_keys migration). */
export const SUBMISSION_KEY_INDEX = 'help_requests_submission_key_unique';

/** A recent request and what tells whether it is the same form sent again (`recentWithWords`). */
export interface RecentRequest {
  reportId: number;
  forWhom: 'self' | 'other';
  asker: { email: string | null; phone: string | null };
  subject: { name: string | null; email: string | null; phone: string | null };
}

/** The help half of requests (the other half is the report); erasing the person of one is erasure.ts's. */
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
      subject_email: storedAddressOrNull(details.subjectEmail),
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

  /** Erases the person of a request: what stays and what goes is `eraseRequestPerson`'s (erasure.ts). */
  erase(db: Knex.Transaction, reportId: number, now: Date): Promise<{ photos: string[]; rawMail: string[] }> {
    return eraseRequestPerson(db, reportId, now);
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
