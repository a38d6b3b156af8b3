import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { diskMetrics } from './disk.js';
import { requestMetrics } from './http.js';
import { poolMetrics } from './pool.js';
import { QueueGauges } from './queue-gauges.js';
import { MetricsRepository } from './repository.js';

/** A scrape waits this long for the database, then answers without its figures (as /healthz). */
const DATABASE_TIMEOUT_MS = 5_000;

export interface MetricsOptions {
  knex: Knex;
  clock: () => Date;
  logger: Logger;
  /** DATA_DIR, whose disk's free space is reported. */
  dataDir: string;
  databaseTimeoutMs?: number;
}

export interface Scrape {
  contentType: string;
  body: string;
}

/**
 * The figures of one app: its own prom-client registries, never the library's global one, so
 * that every app (and every test's app) counts only its own requests.
 */
export class Metrics {
  /** Counts every request; goes early in the middleware chain so static files and 404s count too. */
  readonly requests: RequestHandler;
  private readonly registry = new Registry();
  private readonly queues = new QueueGauges(new Registry());
  private readonly repository: MetricsRepository;
  private readonly databaseUp: Gauge;
  private processMetrics = false;

  constructor(private readonly options: MetricsOptions) {
    this.repository = new MetricsRepository(options.knex);
    this.requests = requestMetrics(this.registry);
    poolMetrics(this.registry, options.knex);
    diskMetrics(this.registry, options.dataDir, options.logger);
    this.databaseUp = new Gauge({
      name: 'tilts_database_up',
      help: '1 when the database answered this scrape’s queries, else 0 (the queue figures are then left out).',
      registers: [this.registry],
    });
  }

  /** The text a Prometheus server reads. */
  async scrape(): Promise<Scrape> {
    // Process metrics start at the first scrape, not with the app: each set runs an event-loop
    // monitor and a GC observer for as long as the process lives, and the tests build hundreds
    // of apps in one process that nobody scrapes.
    if (!this.processMetrics) {
      collectDefaultMetrics({ register: this.registry });
      this.processMetrics = true;
    }
    const queues = await this.readQueues();
    this.databaseUp.set(queues ? 1 : 0);
    const body = (await this.registry.metrics()) + (queues ? await this.queues.registry.metrics() : '');
    return { contentType: this.registry.contentType, body };
  }

  private async readQueues(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const figures = await Promise.race([
        this.repository.queueFigures(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () => reject(new Error('database did not answer in time')),
            this.options.databaseTimeoutMs ?? DATABASE_TIMEOUT_MS,
          );
        }),
      ]);
      this.queues.set(figures, this.options.clock());
      return true;
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        'metrics: the database did not answer; queue figures left out',
      );
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
