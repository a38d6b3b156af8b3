import type { Knex } from 'knex';
import { Gauge, type Registry } from 'prom-client';

/** The parts of knex's connection pool (tarn) that say how busy it is. */
interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

function poolOf(knex: Knex): TarnPool | undefined {
  const pool = (knex.client as { pool?: Partial<TarnPool> }).pool;
  return typeof pool?.numUsed === 'function' ? (pool as TarnPool) : undefined;
}

/**
 * Database connections, read from knex's pool at scrape time. On PostgreSQL the pool holds up to
 * `max` connections (10 by default). The embedded engine (PGlite) has exactly one connection: the
 * same gauges then say whether a query is running (used 1) and how many wait for it (pending).
 * Once the pool is gone (the database closed) the used and free series disappear.
 */
export function poolMetrics(registry: Registry, knex: Knex): void {
  const registers = [registry];
  new Gauge({
    name: 'tilts_db_pool_connections',
    help: 'Database connections in the pool, by state: used (lent to a query or transaction) or free.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.reset();
      const pool = poolOf(knex);
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
    },
  });
  new Gauge({
    name: 'tilts_db_pool_pending_acquires',
    help: 'Queries waiting for a database connection (they give up after 10 s on PostgreSQL).',
    registers,
    collect() {
      const pool = poolOf(knex);
      if (pool) this.set(pool.numPendingAcquires());
    },
  });
  new Gauge({
    name: 'tilts_db_pool_pending_creates',
    help: 'Database connections being opened.',
    registers,
    collect() {
      const pool = poolOf(knex);
      if (pool) this.set(pool.numPendingCreates());
    },
  });
  new Gauge({
    name: 'tilts_db_pool_max',
    help: 'The most connections the pool opens (1 on the embedded engine).',
    registers,
    collect() {
      const pool = poolOf(knex);
      if (pool) this.set(pool.max);
    },
  });
}
