import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';

/** Reports a category made private whose followers are still to be told (MAKE_PRIVATE writes them). */
export const PRIVATE_NOTICES = 'report_private_notices';

export class PrivateNoticeRepository {
  constructor(private readonly knex: Knex) {}

  /** Up to `limit` reports still to be told of, after `afterId`, in the order of their ids. */
  async due(afterId: number, limit: number): Promise<number[]> {
    const ids = (await this.knex(PRIVATE_NOTICES)
      .where('report_id', '>', afterId)
      .orderBy('report_id')
      .limit(limit)
      .pluck('report_id')) as (number | string)[];
    return ids.map(Number);
  }

  /**
   * Takes the report's notice in `trx`: true for the one transaction that deletes its row. Another
   * process's DELETE of the same row waits for this transaction, then finds nothing, so whoever
   * takes it queues the emails, once; a rollback puts it back, to be taken again.
   */
  async take(trx: Knex.Transaction, reportId: number): Promise<boolean> {
    return affectedRows(await trx(PRIVATE_NOTICES).where({ report_id: reportId }).delete()) === 1;
  }
}
