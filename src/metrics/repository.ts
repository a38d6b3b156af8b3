import type { Knex } from 'knex';

/** The inbound outcomes counted: waiting to be read, waiting for staff, failing, or refused as forged. */
export const INBOUND_OUTCOMES = ['received', 'held', 'failed', 'forged', 'malformed'] as const;
export type CountedOutcome = (typeof INBOUND_OUTCOMES)[number];

export interface QueueFigures {
  outbox: { pending: number; oldestPendingAt: Date | null; dead: number };
  inbound: { byOutcome: Record<CountedOutcome, number>; oldestWaitingAt: Date | null };
  tasks: { name: string; nextRunAt: Date; lastRunAt: Date | null; failed: boolean }[];
  /** When the newest backup finished (`npm run backup`); null when none was ever made. */
  lastBackupAt: Date | null;
}

const toDate = (value: unknown): Date | null =>
  value instanceof Date
    ? value
    : typeof value === 'string' || typeof value === 'number'
      ? new Date(value)
      : null;

/**
 * The queries of a scrape. Each reads an index or a handful of rows, never `reports`, so a
 * scrape every 15 seconds costs nothing at a million reports: pending mail is the partial index
 * `outbox_due`, dead mail `outbox_dead`, inbound outcomes `(outcome, received_at)`, the inbound
 * queue `inbound_messages_retry`, `scheduled_tasks` has a row per task, and the newest backup is
 * the end of the index on `backups.finished_at`.
 */
export class MetricsRepository {
  constructor(private readonly knex: Knex) {}

  async queueFigures(): Promise<QueueFigures> {
    const [outbox, inbound, waiting, tasks, backup] = await Promise.all([
      this.knex.raw<{ rows: { pending: number; oldest: unknown; dead: number }[] }>(
        `select (select count(*) from outbox where status = 'pending') as pending,
                (select min(created_at) from outbox where status = 'pending') as oldest,
                (select count(*) from outbox where status = 'dead') as dead`,
      ),
      this.knex.raw<{ rows: { outcome: CountedOutcome; n: number }[] }>(
        `select outcome, count(*) as n from inbound_messages where outcome in (${INBOUND_OUTCOMES.map(() => '?').join(', ')}) group by outcome`,
        [...INBOUND_OUTCOMES],
      ),
      // What the scheduler will still read or try again: the inbound queue.
      this.knex.raw<{ rows: { oldest: unknown }[] }>(
        `select min(received_at) as oldest from inbound_messages
          where outcome in ('received', 'failed') and next_attempt_at is not null`,
      ),
      this.knex.raw<{
        rows: { name: string; next_run_at: unknown; last_run_at: unknown; failed: boolean }[];
      }>(
        'select name, next_run_at, last_run_at, last_error is not null as failed from scheduled_tasks order by name',
      ),
      this.knex.raw<{ rows: { newest: unknown }[] }>('select max(finished_at) as newest from backups'),
    ]);
    const row = outbox.rows[0]!;
    const byOutcome = Object.fromEntries(INBOUND_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
      CountedOutcome,
      number
    >;
    for (const { outcome, n } of inbound.rows) byOutcome[outcome] = Number(n);
    return {
      outbox: { pending: Number(row.pending), oldestPendingAt: toDate(row.oldest), dead: Number(row.dead) },
      inbound: { byOutcome, oldestWaitingAt: toDate(waiting.rows[0]?.oldest) },
      tasks: tasks.rows.map((task) => ({
        name: task.name,
        nextRunAt: toDate(task.next_run_at)!,
        lastRunAt: toDate(task.last_run_at),
        failed: Boolean(task.failed),
      })),
      lastBackupAt: toDate(backup.rows[0]?.newest),
    };
  }
}
