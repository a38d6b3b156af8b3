import pg from 'pg';
import type { Logger } from 'pino';
import type { ChangeFeed } from './feed.js';
import { CHANNEL, dropForPayload, type Drop } from './rules.js';

/** What ReferenceService keeps in memory in each process. */
const REFERENCE_TABLES = new Set(['apvienibas', 'parishes', 'categories']);

export interface PageChangeListenerOptions {
  databaseUrl: string;
  feed: ChangeFeed;
  logger: Logger;
  /** Shown in pg_stat_activity, so an operator (or a test) can find this connection. */
  applicationName?: string;
  /**
   * Loads this process's own copy of places and categories again (ReferenceService), before the
   * pages are dropped, so they are not rendered again from the old copy.
   */
  reloadReference?: () => Promise<void>;
  /** The first wait before connecting again; it doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * One connection per process, outside the knex pool, that LISTENs for the database triggers'
 * notifications (sent only when a transaction commits) and hands them to the change feed, so
 * another process's change drops this process's pages at once. It never keeps the app from
 * starting or answering: when it cannot listen it logs, tries again with backoff, and meanwhile
 * the pages' time to live is the bound. After each (re)connection everything is dropped, since
 * notifications sent while it was away are lost.
 */
export class PageChangeListener {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failures = 0;
  private connected = false;

  constructor(private readonly options: PageChangeListenerOptions) {}

  /** Whether notifications are being received now. */
  get listening(): boolean {
    return this.connected;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    this.options.feed.notified = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { databaseUrl, feed, logger, applicationName } = this.options;
    const client = new pg.Client({
      connectionString: databaseUrl,
      application_name: applicationName ?? 'tilts-page-cache',
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      this.connected = false;
      feed.notified = false;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      logger.warn(
        { err: error },
        'page cache: lost the database notifications; pages live their time to live',
      );
      this.retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      const payload = message.payload ?? '';
      const drop = dropForPayload(payload);
      if (!drop) return;
      if (REFERENCE_TABLES.has(payload) && this.options.reloadReference) {
        // Dropped now (nothing old is served meanwhile) and again once the new copy is loaded.
        feed.record([drop]);
        this.options
          .reloadReference()
          .catch((error: unknown) => logger.warn({ err: error }, 'page cache: reloading places failed'))
          .finally(() => feed.record([drop]));
      } else {
        feed.record([drop]);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.connected = true;
    feed.notified = true;
    const everything: Drop = 'all';
    feed.record([everything]);
    if (this.failures > 0) {
      logger.info('page cache: receiving database notifications again');
      // Places or categories may have changed while no notification could come.
      this.options
        .reloadReference?.()
        .catch((error: unknown) => logger.warn({ err: error }, 'page cache: reloading places failed'))
        .finally(() => feed.record([everything]));
    }
    this.failures = 0;
    logger.debug('page cache: listening for database notifications');
  }

  private retry() {
    clearTimeout(this.timer);
    const base = this.options.retryMs ?? 1000;
    const wait = Math.min(base * 2 ** this.failures, this.options.maxRetryMs ?? 30_000);
    this.failures += 1;
    this.timer = setTimeout(() => void this.connect(), wait);
    this.timer.unref();
  }
}
