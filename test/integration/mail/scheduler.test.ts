import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { Scheduler } from '../../../src/jobs/scheduler.js';
import { resetDatabase } from '../../support/database.js';
import { silentLogger } from './support.js';

const MINUTE = 60_000;

interface TaskRow {
  next_run_at: Date;
  last_run_at: Date | null;
  last_error: string | null;
}

describe('the scheduler of recurring tasks', () => {
  let knex: Knex;
  let now: Date;
  const scheduler = () => new Scheduler({ knex, logger: silentLogger, clock: () => now });
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeEach(async () => {
    knex = (await resetDatabase()).knex;
    now = new Date('2026-11-23T10:00:00Z');
  });

  it('runs a due task once, and not again before its interval has passed', async () => {
    let runs = 0;
    const tasks = scheduler().register('purge-unconfirmed', 10 * MINUTE, () =>
      Promise.resolve(void (runs += 1)),
    );
    assert.deepEqual(await tasks.runDue(), ['purge-unconfirmed']);
    later(9 * MINUTE);
    assert.deepEqual(await tasks.runDue(), []);
    later(MINUTE);
    assert.deepEqual(await tasks.runDue(), ['purge-unconfirmed']);
    assert.equal(runs, 2);
    const row = (await knex('scheduled_tasks').where({ name: 'purge-unconfirmed' }).first()) as TaskRow;
    assert.equal(row.next_run_at.getTime(), now.getTime() + 10 * MINUTE);
    assert.equal(row.last_run_at?.getTime(), now.getTime());
    assert.equal(row.last_error, null);
  });

  it('runs a task once even when two schedulers (two processes) look at the same moment', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    let runs = 0;
    const task = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const a = scheduler().register('reminders', 10 * MINUTE, task);
    const b = scheduler().register('reminders', 10 * MINUTE, task);
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    assert.equal(runs, 1);
    assert.equal(ranA.length + ranB.length, 1);
    later(5 * MINUTE);
    assert.deepEqual([await a.runDue(), await b.runDue()], [[], []]);
    assert.equal(runs, 1);
  });

  it('remembers the schedule across a restart', async () => {
    let runs = 0;
    const task = () => Promise.resolve(void (runs += 1));
    await scheduler()
      .register('retention', 60 * MINUTE, task)
      .runDue();
    later(30 * MINUTE);
    const restarted = scheduler().register('retention', 60 * MINUTE, task);
    assert.deepEqual(await restarted.runDue(), []);
    later(30 * MINUTE);
    assert.deepEqual(await restarted.runDue(), ['retention']);
    assert.equal(runs, 2);
  });

  it('stores a failure, keeps going with the other tasks, and tries again at the next interval', async () => {
    let healthyRuns = 0;
    const tasks = scheduler()
      .register('broken', 10 * MINUTE, () => Promise.reject(new Error('disk full')))
      .register('healthy', 10 * MINUTE, () => Promise.resolve(void (healthyRuns += 1)));
    assert.deepEqual(await tasks.runDue(), ['broken', 'healthy']);
    assert.equal(healthyRuns, 1);
    const broken = (await knex('scheduled_tasks').where({ name: 'broken' }).first()) as TaskRow;
    assert.equal(broken.last_error, 'disk full');
    assert.equal(broken.next_run_at.getTime(), now.getTime() + 10 * MINUTE);
    later(10 * MINUTE);
    assert.deepEqual(await tasks.runDue(), ['broken', 'healthy']);
  });

  it('brings a task forward when its interval is shortened', async () => {
    await scheduler()
      .register('digest', 24 * 60 * MINUTE, () => Promise.resolve())
      .runDue();
    later(MINUTE);
    const shorter = scheduler().register('digest', 10 * MINUTE, () => Promise.resolve());
    assert.deepEqual(await shorter.runDue(), []);
    later(10 * MINUTE);
    assert.deepEqual(await shorter.runDue(), ['digest']);
  });

  it('refuses a task registered twice or more often than every second', () => {
    const tasks = scheduler().register('a', 1000, () => Promise.resolve());
    assert.throws(() => tasks.register('a', 1000, () => Promise.resolve()), /twice/);
    assert.throws(() => tasks.register('b', 10, () => Promise.resolve()), /every second/);
  });

  it('runs due tasks on its own once started, and stops cleanly', async () => {
    now = new Date();
    let resolveRun: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => (resolveRun = resolve));
    const tasks = new Scheduler({ knex, logger: silentLogger, tickMs: 20 }).register(
      'tick',
      60 * MINUTE,
      () => {
        resolveRun();
        return Promise.resolve();
      },
    );
    tasks.start();
    try {
      await ran;
    } finally {
      await tasks.stop();
    }
  });
});
