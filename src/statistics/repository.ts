import type { Knex } from 'knex';
import { QUESTIONS } from '../email-links/repository.js';
import { REPORTS } from '../reports/repository.js';
import type { Status } from '../reports/types.js';
import { ANSWERS_REPORT, UPDATES } from '../timeline/repository.js';
import type { ReportFacts } from './figures.js';

interface FactsRow {
  parish_code: string;
  category_code: string;
  status: Status;
  routed_at: Date | string;
  first_response_at: Date | string | null;
  finished_at: Date | string | null;
  fixed_answer: 'yes' | 'no' | null;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));

const rowToFacts = (row: FactsRow): ReportFacts => ({
  parishCode: row.parish_code,
  categoryCode: row.category_code,
  status: row.status,
  routedAt: date(row.routed_at),
  firstResponseAt: row.first_response_at === null ? null : date(row.first_response_at),
  finishedAt: row.finished_at === null ? null : date(row.finished_at),
  fixedAnswer: row.fixed_answer,
});

/**
 * Reports that reached the parish: confirmed and routed, not held, not withdrawn by the reporter.
 * Hidden (moderated) ones count: they were received and answered, they are only never listed.
 */
const RECEIVED = `r.routed_at is not null and r.held_at is null and r.withdrawn_at is null
  and r.status <> 'unconfirmed'`;

const FINISHED = `('resolved', 'closed')`;

/**
 * The public reports a period's figures are about, each read from an index (never the whole
 * table): those received in [start, end) (by `reports_received_routed`, from the index alone),
 * and those received before it whose status changed to resolved or closed in it (by the updates'
 * `report_updates_finished`, then each report by its primary key: `= any(array(…))` keeps it a
 * look-up by id, where `in (…)` may be planned as a scan of every older report). The two never
 * overlap.
 */
const CHOSEN = `select r.id, r.parish_code, r.category_code, r.status, r.routed_at from ${REPORTS} r
    where not r.is_private and ${RECEIVED} and r.routed_at >= :start and r.routed_at < :end
  union all
  select r.id, r.parish_code, r.category_code, r.status, r.routed_at from ${REPORTS} r
    where r.id = any(array(select u.report_id from ${UPDATES} u
        where u.to_status in ${FINISHED} and u.created_at >= :start and u.created_at < :end))
      and not r.is_private and ${RECEIVED} and r.routed_at < :start and r.status in ${FINISHED}`;

/**
 * Per chosen report, from its own timeline (by `report_id`, one index range each, never the
 * whole timeline of every report ever made): the first response (ANSWERS_REPORT, open data's
 * "first answered" too); and when it last became resolved or closed.
 */
const TIMELINE_FACTS = `select
    min(u.created_at) filter (where ${ANSWERS_REPORT}) as first_response_at,
    max(u.created_at) filter (where u.to_status in ${FINISHED}) as last_finished_at
  from ${UPDATES} u where u.report_id = c.id`;

/** The reporter's latest yes or no to "is it fixed?" ("I don't know" is no answer here). */
const FIXED_ANSWER = `select q.answer from ${QUESTIONS} q
  where q.report_id = c.id and q.answer in ('yes', 'no') order by q.answered_at desc, q.id desc limit 1`;

/**
 * A chosen report received before the period counts only if it was last resolved or closed in
 * it (a report finished in the period and again after it belongs to the later finish).
 * The chosen reports are a materialized CTE so each is looked up once, and the look-ups of its
 * timeline and answers are lateral: about a hundred thousand reports a year at the largest scale
 * took seconds when the whole timeline was grouped first.
 */
const FACTS = `with c as materialized (${CHOSEN})
  select c.parish_code, c.category_code, c.status, c.routed_at, t.first_response_at,
    -- When it became resolved or closed, if that is what it is now.
    case when c.status in ${FINISHED} then t.last_finished_at end as finished_at,
    f.answer as fixed_answer
  from c
  cross join lateral (${TIMELINE_FACTS}) t
  left join lateral (${FIXED_ANSWER}) f on true
  where c.routed_at >= :start or (t.last_finished_at >= :start and t.last_finished_at < :end)`;

/** What the statistics read: only the facts each figure needs, never a word a resident wrote. */
export class StatisticsRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Public reports received in [start, end), and those resolved or closed in it whenever they were
   * received (for "resolved per month"). Private reports are never read here.
   */
  async publicFacts(start: Date, end: Date): Promise<ReportFacts[]> {
    // PostgreSQL's estimate of the lateral look-ups is far above what they cost, so it would
    // spend half a second compiling the query (JIT) to save nothing: not for this one.
    const rows = await this.knex.transaction(async (trx) => {
      await trx.raw('set local jit = off');
      return (await trx.raw<{ rows: FactsRow[] }>(FACTS, { start, end })).rows;
    });
    return rows.map(rowToFacts);
  }

  /** How many private reports (requests for help for a person) were received in [start, end). */
  async privateReceived(start: Date, end: Date): Promise<number> {
    const [row] = (await this.knex(`${REPORTS} as r`)
      .where('r.is_private', true)
      .whereRaw(RECEIVED)
      .where('r.routed_at', '>=', start)
      .where('r.routed_at', '<', end)
      .count({ count: '*' })) as { count: number | string }[];
    return Number(row?.count ?? 0);
  }
}
