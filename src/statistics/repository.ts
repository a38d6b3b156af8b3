import type { Knex } from 'knex';
import { QUESTIONS } from '../email-links/repository.js';
import { REPORTS } from '../reports/repository.js';
import type { Status } from '../reports/types.js';
import { UPDATES } from '../timeline/repository.js';
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

/**
 * Per report, from its timeline: the first response, the first public update (words, photos or a
 * change of status) written by someone who handles the report, a recipient answering by email or
 * link or staff in the workspace (an internal note is not public; nothing the reporter does
 * counts; open data's "first answered" is the same rule); and when it last became resolved or
 * closed. One pass over the timeline, grouped, rather than two look-ups per report.
 */
const TIMELINE_FACTS = `select u.report_id,
    min(u.created_at) filter (where u.author_kind in ('recipient', 'staff') and u.is_public) as first_response_at,
    max(u.created_at) filter (where u.to_status in ('resolved', 'closed')) as last_finished_at
  from ${UPDATES} u group by u.report_id`;

/** Each reporter's latest yes or no to "is it fixed?" ("I don't know" is no answer here). */
const FIXED_ANSWERS = `select distinct on (q.report_id) q.report_id, q.answer from ${QUESTIONS} q
  where q.answer in ('yes', 'no') order by q.report_id, q.answered_at desc, q.id desc`;

/** What the statistics read: only the facts each figure needs, never a word a resident wrote. */
export class StatisticsRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Public reports received in [start, end), and those resolved or closed in it whenever they were
   * received (for "resolved per month"). Private reports are never read here.
   */
  async publicFacts(start: Date, end: Date): Promise<ReportFacts[]> {
    const { knex } = this;
    const rows = (await knex(`${REPORTS} as r`)
      .leftJoin(knex.raw(`(${TIMELINE_FACTS}) as t`), 't.report_id', 'r.id')
      .leftJoin(knex.raw(`(${FIXED_ANSWERS}) as f`), 'f.report_id', 'r.id')
      .select(
        'r.parish_code',
        'r.category_code',
        'r.status',
        'r.routed_at',
        't.first_response_at',
        // When it became resolved or closed, if that is what it is now.
        knex.raw("case when r.status in ('resolved', 'closed') then t.last_finished_at end as finished_at"),
        'f.answer as fixed_answer',
      )
      .where('r.is_private', false)
      .whereRaw(RECEIVED)
      .where('r.routed_at', '<', end)
      .where((where) => {
        void where.where('r.routed_at', '>=', start).orWhere((finished) => {
          void finished
            .whereIn('r.status', ['resolved', 'closed'])
            .where('t.last_finished_at', '>=', start)
            .where('t.last_finished_at', '<', end);
        });
      })) as FactsRow[];
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
