import type { Knex } from 'knex';
import type { MadePrivateNotice } from '../../notifications/made-private.js';
import { publicOnly } from '../../reports/repository.js';
import { REPORTS, rowToReport, type ReportRow } from '../../reports/rows.js';
import { systemNote } from '../../timeline/system-note.js';

/**
 * A save that would make published reports private, not yet confirmed: how many the public sees
 * now. The page asks first (pages.ts); nothing has been changed.
 */
export class PrivateReportsToConfirm extends Error {
  constructor(readonly count: number) {
    super(`${count} published reports would become private`);
    this.name = 'PrivateReportsToConfirm';
  }
}

/** How many of the category's reports the public sees now: what making it private takes from them. */
export async function countPublishedReports(
  db: Knex | Knex.Transaction,
  categoryCode: string,
): Promise<number> {
  const [row] = (await publicOnly(db('reports'))
    .where('reports.category_code', categoryCode)
    .count({ count: '*' })) as { count: number | string }[];
  return Number(row?.count ?? 0);
}

/*
 * One statement for any number of reports: the reports made private and a note on each one's
 * timeline, the note written as TimelineRepository.addUpdate writes Tilts's own (no public text,
 * so no search words either). A loop of one insert per report held the admin's request, and the
 * category's row lock, for as long as tens of thousands of reports took. The UPDATE's RETURNING
 * is the insert's source, so exactly the reports made private get a note, whatever else commits
 * meanwhile (a data-modifying WITH runs to completion whether or not the outer select reads it). The
 * outer select answers each report made private and whether anyone follows it. The page cache
 * hears of both tables from the statement, as of any other write.
 */
const MAKE_PRIVATE = `with made as (
    update reports set is_private = true, updated_at = :now
    where category_code = :categoryCode and not is_private
    returning id
  ), noted as (
    insert into report_updates (report_id, author_kind, channel, internal_note, is_public, created_at)
    select id, 'system', 'system', :note, false, :now from made order by id
  )
  select id, exists (
      select 1 from subscriptions
      where subscriptions.report_id = made.id
        and subscriptions.confirmed_at is not null and subscriptions.unsubscribed_at is null
    ) as followed
  from made order by id`;

/** Reports read at once for their followers' notice: a bound list kept well under PostgreSQL's limit. */
const FOLLOWED_AT_ONCE = 500;

/**
 * A category made private makes its public reports private too: a report in a private category is
 * private by what it is (staff cannot make one public), and every public surface would otherwise
 * show some of them and not others (open data and the sitemap read the category, the rest the
 * report). Each report's staff history says so, in Tilts's name. Answers how many were public.
 * The followers of each are told once (MadePrivateNotice), queued in this transaction: only the
 * reports someone still follows are read, so a category of many reports and few followers reads few.
 */
export async function makeCategoryReportsPrivate(
  trx: Knex.Transaction,
  deps: { madePrivate: Pick<MadePrivateNotice, 'tell'> },
  categoryCode: string,
  now: Date,
): Promise<number> {
  const result = (await trx.raw(MAKE_PRIVATE, {
    now,
    categoryCode,
    note: systemNote({ note: 'private' }),
  })) as { rows: { id: number; followed: boolean }[] };
  const followedIds = result.rows.filter((row) => row.followed).map((row) => Number(row.id));
  // The followed ones, as they were before (public): the notice reads their title and parish.
  for (let start = 0; start < followedIds.length; start += FOLLOWED_AT_ONCE) {
    const rows = (await trx<ReportRow>(REPORTS)
      .whereIn('id', followedIds.slice(start, start + FOLLOWED_AT_ONCE))
      .orderBy('id')) as ReportRow[];
    for (const row of rows) await deps.madePrivate.tell(trx, { ...rowToReport(row), isPrivate: false });
  }
  return result.rows.length;
}
