import type { Knex } from 'knex';

/**
 * A fixed-window counter per key, kept in the database so every app process counts together.
 * One upsert per hit: it starts a new window when the old one has passed.
 */
export class RateLimiter {
  constructor(private readonly knex: Knex) {}

  async hit(
    key: string,
    limit: number,
    windowMs: number,
    now: Date,
  ): Promise<{ allowed: boolean; hits: number }> {
    const windowStart = new Date(now.getTime() - windowMs);
    const { rows } = await this.knex.raw<{ rows: { hits: number }[] }>(
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
