import type { Knex } from 'knex';
import { publicOnly } from '../../reports/repository.js';
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
 * One statement for any number of reports: the reports made private, a note on each one's timeline,
 * and, for each that someone follows, a row saying its followers are still to be told
 * (report_private_notices, read by MadePrivateLater in the background). The note is written as
 * TimelineRepository.addUpdate writes Tilts's own (no public text, so no search words either). A
 * loop of one insert per report held the admin's request, and the category's row lock, for as long
 * as tens of thousands of reports took; so did rendering and queueing each follower's email in it.
 * The UPDATE's RETURNING is both inserts' source, so exactly the reports made private get a note
 * and a notice, whatever else commits meanwhile (a data-modifying WITH runs to completion whether
 * or not the outer select reads it). The page cache hears of the tables from the statement, as of
 * any other write.
 */
const MAKE_PRIVATE = `with made as (
    update reports set is_private = true, updated_at = :now
    where category_code = :categoryCode and not is_private
    returning id
  ), noted as (
    insert into report_updates (report_id, author_kind, channel, internal_note, is_public, created_at)
    select id, 'system', 'system', :note, false, :now from made order by id
  ), told as (
    insert into report_private_notices (report_id, created_at)
    select id, :now from made
    where exists (
      select 1 from subscriptions
      where subscriptions.report_id = made.id
        and subscriptions.confirmed_at is not null and subscriptions.unsubscribed_at is null
    )
    on conflict (report_id) do nothing
  )
  select count(*) as made from made`;

/**
 * A category made private makes its public reports private too: a report in a private category is
 * private by what it is (staff cannot make one public), and every public surface would otherwise
 * show some of them and not others (open data and the sitemap read the category, the rest the
 * report). Each report's staff history says so, in Tilts's name. Answers how many were public.
 * The followers of each are told once (MadePrivateNotice), but not here: the statement leaves a row
 * per followed report and MadePrivateLater, in the background, queues their emails, so the admin's
 * save costs one statement however many reports and followers there are.
 */
export async function makeCategoryReportsPrivate(
  trx: Knex.Transaction,
  categoryCode: string,
  now: Date,
): Promise<number> {
  const result = (await trx.raw(MAKE_PRIVATE, {
    now,
    categoryCode,
    note: systemNote({ note: 'private' }),
  })) as { rows: { made: number | string }[] };
  return Number(result.rows[0]?.made ?? 0);
}
