import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import type { FixedAnswer } from '../reports/links.js';

export const USED_LINKS = 'used_action_links';
export const QUESTIONS = 'fixed_questions';

export interface FixedQuestion {
  id: number;
  reportId: number;
  answer: FixedAnswer | null;
}

/** What the links in emails leave behind: one-click links used, "is it fixed?" questions asked. */
export class EmailLinkRepository {
  constructor(private readonly knex: Knex) {}

  async isUsed(tokenHash: string): Promise<boolean> {
    const used = (await this.knex(USED_LINKS).where({ token_hash: tokenHash }).first()) as unknown;
    return Boolean(used);
  }

  /** Records a one-click link as used; false when it already was (the other click won). */
  async markUsed(trx: Queryable, tokenHash: string, reportId: number, now: Date): Promise<boolean> {
    const inserted = (await trx(USED_LINKS)
      .insert({ token_hash: tokenHash, report_id: reportId, used_at: now })
      .onConflict('token_hash')
      .ignore()
      .returning('token_hash')) as unknown[];
    return inserted.length > 0;
  }

  /**
   * Open reports routed before the cut-off whose reporter may be asked "is it fixed?": never
   * asked, or last answered "no" before the cut-off. Oldest first.
   */
  async dueForQuestion(cutoff: Date, limit: number): Promise<number[]> {
    const { knex } = this;
    const due = (await knex('reports as r')
      .whereIn('r.status', ['open', 'acknowledged', 'in_progress'])
      .where('r.routed_at', '<=', cutoff)
      .whereNull('r.withdrawn_at')
      .whereNull('r.reporter_unsubscribed_at')
      // A report taken by phone without an address has nobody to ask by email.
      .whereNotNull('r.reporter_email')
      .where('r.hidden', false)
      .whereNotExists(
        knex(`${QUESTIONS} as q`)
          .whereRaw('q.report_id = r.id')
          .where((where) => {
            void where
              .whereNull('q.answer')
              .orWhereNot('q.answer', 'no')
              .orWhere('q.answered_at', '>', cutoff);
          }),
      )
      .select('r.id')
      .orderBy('r.routed_at')
      .limit(limit)) as { id: number }[];
    return due.map((row) => row.id);
  }

  async addQuestion(trx: Queryable, reportId: number, now: Date): Promise<number> {
    const [row] = (await trx(QUESTIONS).insert({ report_id: reportId, asked_at: now }).returning('id')) as {
      id: number;
    }[];
    return row!.id;
  }

  async question(id: number): Promise<FixedQuestion | undefined> {
    const row = (await this.knex(QUESTIONS).where({ id }).first()) as
      { id: number; report_id: number; answer: FixedAnswer | null } | undefined;
    return row ? { id: row.id, reportId: row.report_id, answer: row.answer } : undefined;
  }

  /** Records the answer unless the question was answered already; false when it was. */
  async answer(trx: Queryable, id: number, answer: FixedAnswer, now: Date): Promise<boolean> {
    const updated = affectedRows(
      await trx(QUESTIONS).where({ id }).whereNull('answer').update({ answer, answered_at: now }),
    );
    return updated > 0;
  }
}
