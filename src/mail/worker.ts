import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { OutboxRepository, type OutboxMessage } from './outbox-repository.js';
import { DEFAULT_RETRY_POLICY, classifySendError, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import type { MailTransport } from './transport.js';
import { PollingLoop } from '../jobs/polling-loop.js';

export interface OutboxWorkerOptions {
  knex: Knex;
  transport: MailTransport;
  logger: Logger;
  clock?: () => Date;
  /** Rows claimed at once. */
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  pollMs?: number;
  /** How long a claimed row is reserved for this worker; after that another worker may retry it. */
  leaseMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  random?: () => number;
}

const DEFAULT_BATCH_SIZE = 10;
const DEFAULT_POLL_MS = 2_000;
// Longer than a whole batch can take with the transport's timeouts, so a row is never sent by two
// workers at once; and the most a crashed worker delays its rows.
const DEFAULT_LEASE_MS = 15 * 60_000;
// How long a sent email's outcome is retried while the database is away (see recordSent).
const MAX_RECORD_WAIT_MS = 2 * 60_000;

/**
 * Sends the outbox. Claiming is one short statement; no transaction stays open while SMTP is
 * talked to (PGlite has one connection: an open transaction would stall every web request).
 * A row is sent at least once and, unless the process dies between SMTP's "250 OK" and the row's
 * update, exactly once; even then the retry carries the same Message-ID.
 */
export class OutboxWorker {
  private readonly repository: OutboxRepository;
  private readonly clock: () => Date;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;

  private readonly loop: PollingLoop;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.repository = new OutboxRepository(options.knex);
    this.clock = options.clock ?? (() => new Date());
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    this.random = options.random ?? Math.random;
    this.loop = new PollingLoop(
      // A full batch means more may be waiting: go on at once rather than after a pause.
      async () => ((await this.runOnce()) >= this.batchSize ? 0 : this.pollMs),
      (error) => {
        options.logger.error({ err: error }, 'outbox worker failed; will try again');
        return this.pollMs;
      },
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the batch being sent, so no row is left half-handled. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Claims one batch of due rows and sends it; returns how many rows it handled. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const batch = await this.repository.claimDue(now, new Date(now.getTime() + this.leaseMs), this.batchSize);
    for (const [index, message] of batch.entries()) {
      const unreachableUntil = await this.deliver(message);
      if (unreachableUntil) {
        // The server is away: the rest of the batch would only wait for the same timeout, so it
        // goes back untried and comes again with the row that found the server away.
        for (const rest of batch.slice(index + 1)) await this.repository.release(rest, unreachableUntil);
        break;
      }
    }
    return batch.length;
  }

  /**
   * Sends one claimed row and records the outcome. Returns when to try again if SMTP could not be
   * reached at all, else undefined.
   */
  private async deliver(message: OutboxMessage): Promise<Date | undefined> {
    const log = this.options.logger.child({
      outboxId: message.id,
      kind: message.kind,
      attempt: message.attempts,
    });
    try {
      await this.options.transport.send(message);
    } catch (error) {
      const failure = classifySendError(error);
      const delay = retryDelayMs(message.attempts, this.policy, this.random);
      const retryAt = new Date(this.clock().getTime() + delay);
      if (failure.permanent || message.attempts >= this.policy.maxAttempts) {
        await this.repository.markDead(message, failure.description);
        log.error({ error: failure.description }, 'email dead-lettered');
      } else {
        await this.repository.scheduleRetry(message, retryAt, failure.description);
        log.warn({ error: failure.description, retryInMs: delay }, 'email not sent, will retry');
      }
      return failure.unreachable ? retryAt : undefined;
    }
    await this.recordSent(message);
    log.info({ via: this.options.transport.name }, 'email sent');
    return undefined;
  }

  /**
   * Marks a row the server accepted as sent. If the database is away just then (a restart), the
   * row would go out again once its lease ran out: a duplicate that waiting avoids. So it is tried
   * again, with backoff, for at most half the lease (and never past it); only then does the
   * error reach the loop, and the row is sent again later with the same Message-ID.
   */
  private async recordSent(message: OutboxMessage): Promise<void> {
    const giveUpAt = Date.now() + Math.min(this.leaseMs / 2, MAX_RECORD_WAIT_MS);
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        await this.repository.markSent(message, this.options.transport.name, this.clock());
        return;
      } catch (error) {
        if (Date.now() + wait > giveUpAt) throw error;
        this.options.logger.warn(
          { err: error, outboxId: message.id },
          'email sent but not yet recorded; trying again',
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}
