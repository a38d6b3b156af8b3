import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { PollingLoop } from './polling-loop.js';

export const SCHEDULED_TASKS = 'scheduled_tasks';

export interface SchedulerOptions {
  knex: Knex;
  logger: Logger;
  clock?: () => Date;
  /** How often the scheduler looks for due tasks. */
  tickMs?: number;
}

interface Task {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

const DEFAULT_TICK_MS = 60_000;
const TASK_NAME = /^[a-z0-9][a-z0-9:._-]{0,79}$/;

/**
 * Runs recurring work (purges, reminders) in whichever process gets to it first. The schedule is
 * in the database, not in memory: a task is claimed by moving its `next_run_at` forward in one
 * UPDATE, so two processes never run it for the same interval, and a restart neither skips nor
 * repeats a run. A task that fails is logged and tried again at its next interval.
 */
export class Scheduler {
  private readonly tasks = new Map<string, Task>();
  private readonly clock: () => Date;
  private readonly tickMs: number;

  private readonly loop: PollingLoop;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    this.loop = new PollingLoop(
      async () => {
        await this.runDue();
        return this.tickMs;
      },
      (error) => {
        options.logger.error({ err: error }, 'scheduler failed; will try again');
        return this.tickMs;
      },
    );
  }

  /** Registers a task; its first run is due at once unless the database already has a schedule. */
  register(name: string, everyMs: number, run: () => Promise<void>): this {
    if (!TASK_NAME.test(name)) throw new Error(`scheduler: task name "${name}" is not valid`);
    if (!Number.isSafeInteger(everyMs) || everyMs < 1000)
      throw new Error(`scheduler: ${name} must run at most every second`);
    if (this.tasks.has(name)) throw new Error(`scheduler: task "${name}" is registered twice`);
    this.tasks.set(name, { name, everyMs, run });
    return this;
  }

  start(): void {
    this.loop.start();
  }

  /** Stops looking for work and waits for a task that is running. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Runs every registered task that is due and that no other process claimed; returns their names. */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const task of this.tasks.values()) {
      const now = this.clock();
      await this.ensureScheduled(task, now);
      if (!(await this.claim(task, now))) continue;
      ran.push(task.name);
      const log = this.options.logger.child({ task: task.name });
      let failure: string | null = null;
      try {
        await task.run();
        log.info('scheduled task done');
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        log.error({ err: error }, 'scheduled task failed');
      }
      await this.options
        .knex(SCHEDULED_TASKS)
        .where({ name: task.name })
        .update({ last_run_at: now, last_error: failure?.slice(0, 2000) ?? null });
    }
    return ran;
  }

  private async ensureScheduled(task: Task, now: Date): Promise<void> {
    const { knex } = this.options;
    await knex(SCHEDULED_TASKS).insert({ name: task.name, next_run_at: now }).onConflict('name').ignore();
    // A shortened interval takes effect now rather than after the old, longer one runs out.
    const latest = new Date(now.getTime() + task.everyMs);
    await knex(SCHEDULED_TASKS)
      .where({ name: task.name })
      .andWhere('next_run_at', '>', latest)
      .update({ next_run_at: latest });
  }

  private async claim(task: Task, now: Date): Promise<boolean> {
    const { rows } = await this.options.knex.raw<{ rows: { name: string }[] }>(
      `update ${SCHEDULED_TASKS} set next_run_at = ? where name = ? and next_run_at <= ? returning name`,
      [new Date(now.getTime() + task.everyMs), task.name, now],
    );
    return rows.length === 1;
  }
}
