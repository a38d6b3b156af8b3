import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';

/** One limit of several counted together (`hitAll`): at most `limit` hits on `key` in a window. */
export interface Limit {
  key: string;
  limit: number;
}

/** Thrown inside `hitAll`'s savepoint when a limit is full, to take back the hits counted before it. */
class LimitFull extends Error {}

/**
 * A fixed-window counter per key, kept in the database so every app process counts together.
 * One upsert per hit: it starts a new window when the old one has passed. A hit in a transaction
 * (`db`) locks its counter's row until that transaction ends: another process's hit on the key
 * waits for it, then counts on from what it committed, and a transaction rolled back counts nothing.
 */
export class RateLimiter {
  constructor(private readonly knex: Knex) {}

  async hit(
    key: string,
    limit: number,
    windowMs: number,
    now: Date,
    db: Queryable = this.knex,
  ): Promise<{ allowed: boolean; hits: number }> {
    const windowStart = new Date(now.getTime() - windowMs);
    const { rows } = await db.raw<{ rows: { hits: number }[] }>(
      `insert into rate_limits (key, window_start, hits) values (?, ?, 1)
       on conflict (key) do update set
         hits = case when rate_limits.window_start <= ? then 1 else rate_limits.hits + 1 end,
         window_start = case when rate_limits.window_start <= ? then excluded.window_start else rate_limits.window_start end
       returning hits`,
      [key, now, windowStart, windowStart],
    );
    const hits = Number(rows[0]?.hits ?? 0);
    return { allowed: hits <= limit, hits };
  }

  /**
   * One hit on each of `limits` in the caller's transaction, or none when any of them is full
   * (false): the hits counted before the full one are taken back (a savepoint). Counted where what
   * they allow is written, the limits are exact: a process at the same counter waits for this
   * transaction and sees its hits, and a transaction that fails uses none. Every caller names its
   * limits in one order, so two transactions at the same counters never wait for each other in a
   * circle (a deadlock).
   */
  async hitAll(
    trx: Knex.Transaction,
    limits: readonly Limit[],
    windowMs: number,
    now: Date,
  ): Promise<boolean> {
    try {
      await trx.transaction(async (savepoint) => {
        for (const { key, limit } of limits)
          if (!(await this.hit(key, limit, windowMs, now, savepoint)).allowed) throw new LimitFull(key);
      });
      return true;
    } catch (error) {
      if (error instanceof LimitFull) return false;
      throw error;
    }
  }

  /**
   * Whether the next hit on `key` would be refused, counting nothing: a form shown again (in
   * another language) says its limit is reached without using one more of it.
   */
  async full(key: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
    const row = (await this.knex('rate_limits').where({ key }).first('hits', 'window_start')) as
      { hits: number | string; window_start: Date | string } | undefined;
    if (!row || new Date(row.window_start).getTime() <= now.getTime() - windowMs) return false;
    return Number(row.hits) >= limit;
  }

  async purge(before: Date): Promise<void> {
    await this.knex('rate_limits').where('window_start', '<', before).delete();
  }
}
