import type { Queryable } from '../db/transaction.js';
import type { Report } from '../reports/types.js';

/** The place a moved report left: its category and parish before the move. */
export type MovedFrom = Pick<Report, 'categoryCode' | 'parishCode'>;

/**
 * What the report loop tells alerts: a report became public, a public report moved to another
 * place, a public report got a public update.
 * Its own module, so that the report service and the notifier can name it without importing the
 * alert service (which imports them).
 */
export interface AlertHooks {
  reportPublished(trx: Queryable, report: Report): Promise<void>;
  /**
   * Staff moved a report to another parish or category (`report` as it is after the move, `from`
   * the place it left): the alerts of its new place hear that it was moved there, unless they
   * already know of it.
   */
  reportMoved(trx: Queryable, report: Report, from: MovedFrom): Promise<void>;
  /** `told`: the addresses the update already reached (its reporter, its followers), lower-cased. */
  publicUpdate(
    trx: Queryable,
    report: Report,
    update: { authorLabelKey: string; toStatus: string | null; text: string | null },
    told?: ReadonlySet<string>,
  ): Promise<void>;
}
