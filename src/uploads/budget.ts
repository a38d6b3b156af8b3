import type { Knex } from 'knex';

const HOUR_MS = 60 * 60 * 1000;
const KIB = 1024;

export interface BudgetLimits {
  bytesPerHour: number;
  filesPerHour: number;
}

/** What a client may still upload in this hour; read before a body is parsed. */
export interface Allowance {
  bytes: number;
  files: number;
}

/**
 * How much one client address may upload in an hour, counted in the shared `rate_limits` table (so
 * every app process counts together) under two keys: kibibytes and files. It is read before the
 * parser touches a file, and what was stored is added once the body is read; two requests at once
 * from one address may each spend the rest of the hour's allowance, which bounds the overshoot to
 * one request's files.
 */
export class UploadBudget {
  constructor(
    private readonly knex: Knex,
    readonly limits: BudgetLimits,
    private readonly windowMs = HOUR_MS,
  ) {}

  async allowance(client: string, now: Date): Promise<Allowance> {
    const rows = (await this.knex('rate_limits')
      .whereIn('key', [bytesKey(client), filesKey(client)])
      .where('window_start', '>', new Date(now.getTime() - this.windowMs))
      .select('key', 'hits')) as { key: string; hits: number }[];
    const used = (key: string) => Number(rows.find((row) => row.key === key)?.hits ?? 0);
    return {
      bytes: Math.max(0, this.limits.bytesPerHour - used(bytesKey(client)) * KIB),
      files: Math.max(0, this.limits.filesPerHour - used(filesKey(client))),
    };
  }

  /** Adds what a request stored to the client's hour. */
  async spend(client: string, bytes: number, files: number, now: Date): Promise<void> {
    if (files === 0 && bytes === 0) return;
    await this.add(bytesKey(client), Math.ceil(bytes / KIB), now);
    await this.add(filesKey(client), files, now);
  }

  private async add(key: string, amount: number, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.windowMs);
    // Capped below the column's 2^31, so a client that keeps trying never overflows its counter.
    await this.knex.raw(
      `insert into rate_limits (key, window_start, hits) values (?, ?, ?)
       on conflict (key) do update set
         hits = case when rate_limits.window_start <= ? then excluded.hits
                     else least(rate_limits.hits + excluded.hits, 2000000000) end,
         window_start = case when rate_limits.window_start <= ? then excluded.window_start else rate_limits.window_start end`,
      [key, now, amount, windowStart, windowStart],
    );
  }
}

const bytesKey = (client: string) => `upload-kib:ip:${client}`;
const filesKey = (client: string) => `upload-files:ip:${client}`;
