import { Gauge, type Registry } from 'prom-client';
import { INBOUND_OUTCOMES, type QueueFigures } from './repository.js';

const seconds = (from: Date | null, now: Date) =>
  from === null ? 0 : Math.max(0, (now.getTime() - from.getTime()) / 1000);

/**
 * The gauges read from the database at scrape time: mail waiting and dead, inbound mail by what
 * became of it, how late each scheduled task is, and when the newest backup finished. They live
 * on their own registry so that a scrape while the database is away leaves them out rather than
 * showing stale or zero figures.
 */
export class QueueGauges {
  private readonly outboxPending: Gauge;
  private readonly outboxOldest: Gauge;
  private readonly outboxDead: Gauge;
  private readonly inbound: Gauge<'outcome'>;
  private readonly inboundOldest: Gauge;
  private readonly lag: Gauge<'task'>;
  private readonly lastRun: Gauge<'task'>;
  private readonly lastFailed: Gauge<'task'>;
  private readonly lastBackup: Gauge;

  constructor(readonly registry: Registry) {
    const registers = [registry];
    this.outboxPending = new Gauge({
      name: 'tilts_outbox_pending',
      help: 'Emails in the outbox not yet sent (waiting, being sent or to be retried).',
      registers,
    });
    this.outboxOldest = new Gauge({
      name: 'tilts_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest email not yet sent; 0 when none waits.',
      registers,
    });
    this.outboxDead = new Gauge({
      name: 'tilts_outbox_dead',
      help: 'Emails that will not be sent again (a permanent refusal or every retry used): dead letters.',
      registers,
    });
    this.inbound = new Gauge({
      name: 'tilts_inbound_messages',
      help: 'Inbound messages by outcome: received (not yet read), held (for staff), failed (retried, or given up), forged, malformed.',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.inboundOldest = new Gauge({
      name: 'tilts_inbound_oldest_waiting_age_seconds',
      help: 'Age of the oldest inbound message still to be read or retried; 0 when none waits.',
      registers,
    });
    this.lag = new Gauge({
      name: 'tilts_scheduler_lag_seconds',
      help: 'How long a scheduled task has been due without being run (up to a minute is normal: the scheduler looks every minute).',
      labelNames: ['task'] as const,
      registers,
    });
    this.lastRun = new Gauge({
      name: 'tilts_scheduler_last_run_timestamp_seconds',
      help: 'When a scheduled task last started, as a Unix time.',
      labelNames: ['task'] as const,
      registers,
    });
    this.lastFailed = new Gauge({
      name: 'tilts_scheduler_last_run_failed',
      help: '1 when the last run of a scheduled task failed (its error is in the log), else 0.',
      labelNames: ['task'] as const,
      registers,
    });
    this.lastBackup = new Gauge({
      name: 'tilts_backup_last_success_timestamp_seconds',
      help: 'When the newest backup (npm run backup) finished, as a Unix time; 0 when none was ever made.',
      registers,
    });
  }

  /** Sets every gauge from one reading of the database, as of `now`. */
  set(figures: QueueFigures, now: Date): void {
    const { outbox, inbound, tasks, lastBackupAt } = figures;
    this.lastBackup.set(lastBackupAt ? lastBackupAt.getTime() / 1000 : 0);
    this.outboxPending.set(outbox.pending);
    this.outboxOldest.set(seconds(outbox.oldestPendingAt, now));
    this.outboxDead.set(outbox.dead);
    for (const outcome of INBOUND_OUTCOMES) this.inbound.set({ outcome }, inbound.byOutcome[outcome]);
    this.inboundOldest.set(seconds(inbound.oldestWaitingAt, now));
    // A task no longer in the table (renamed in code and its row removed) disappears.
    for (const gauge of [this.lag, this.lastRun, this.lastFailed]) gauge.reset();
    for (const task of tasks) {
      const labels = { task: task.name };
      this.lag.set(labels, seconds(task.nextRunAt, now));
      if (task.lastRunAt) this.lastRun.set(labels, task.lastRunAt.getTime() / 1000);
      this.lastFailed.set(labels, task.failed ? 1 : 0);
    }
  }
}
