import type { Knex } from 'knex';
import { onServer } from '../db/knex.js';
import { affects, classifyStatement, dropsOf, type Drop, type Scope } from './rules.js';

/** How many drops are kept for caches to catch up on; a cache further behind empties itself. */
const LOG_SIZE = 10_000;

/**
 * After a transaction's COMMIT is sent (knex tells us before the server has answered), its drops
 * are recorded again this much later, so a page rendered from the last snapshot before the commit
 * cannot stay cached. Only on PostgreSQL while no notifications come (their arrival follows the
 * commit and does the same, exactly); PGlite runs one statement at a time, so nothing can read
 * between the COMMIT and its end.
 */
export const SETTLE_MS = 250;

interface QueryEvent {
  sql?: string;
  __knexUid?: string;
  __knexTxId?: string | null;
}

/**
 * Every change the pages may show, numbered: the writes this process makes (read from knex's
 * query events, at once) and the notifications of other processes (from the LISTEN client). Page
 * caches read it when they answer, so nothing subscribes and nothing leaks, however many apps
 * (tests make many) share one database handle.
 */
export class ChangeFeed {
  private sequence = 0;
  private readonly log: { seq: number; drop: Drop }[] = [];
  /** Drops of writes in open transactions, by connection, to record again when they commit. */
  private readonly open = new Map<string, Set<Drop>>();

  /** Set by the LISTEN client while it receives the database's notifications. */
  notified = false;

  constructor(private readonly settleMs = SETTLE_MS) {}

  /** The number of the newest drop. */
  get position(): number {
    return this.sequence;
  }

  record(drops: Iterable<Drop>): void {
    for (const drop of drops) {
      this.sequence += 1;
      this.log.push({ seq: this.sequence, drop });
    }
    if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
  }

  /** The drops after `position`, or undefined when some of them are no longer kept. */
  since(position: number): Drop[] | undefined {
    if (position >= this.sequence) return [];
    const oldest = this.log[0]?.seq ?? this.sequence + 1;
    if (position + 1 < oldest) return undefined;
    return this.log.slice(position + 1 - oldest).map((entry) => entry.drop);
  }

  /**
   * Whether nothing a page (or a figure) with these scopes shows changed after `position`: false
   * when something did, or when the drops since then are no longer kept. What was read after
   * `position` can be kept only if this holds (it may have read the old rows otherwise).
   */
  unchangedSince(position: number, scopes: readonly Scope[]): boolean {
    const drops = this.since(position);
    return drops !== undefined && !drops.some((drop) => affects(drop, scopes));
  }

  /** Follows one database handle's statements. */
  watch(knex: Knex): void {
    knex.on('query', (query: QueryEvent) => this.onQuery(query));
    knex.on('query-response', (_response: unknown, query: QueryEvent) => this.onResponse(query));
  }

  private onQuery(query: QueryEvent) {
    const statement = classifyStatement(query.sql ?? '');
    const connection = query.__knexUid ?? '';
    if (statement.kind === 'commit') {
      const drops = this.open.get(connection);
      this.open.delete(connection);
      if (drops) {
        this.record(drops);
        if (this.settleMs > 0 && !this.notified) setTimeout(() => this.record(drops), this.settleMs).unref();
      }
      return;
    }
    if (statement.kind === 'rollback') {
      this.open.delete(connection);
      return;
    }
    const drops = dropsOf(statement);
    if (drops.length === 0) return;
    // At once, so this process never serves the old page once the change is under way...
    this.record(drops);
    if (query.__knexTxId) {
      // ...and again at the commit, since a page rendered meanwhile read the old rows.
      const pending = this.open.get(connection) ?? new Set<Drop>();
      for (const drop of drops) pending.add(drop);
      this.open.set(connection, pending);
    }
  }

  private onResponse(query: QueryEvent) {
    // A statement outside a transaction has committed when it answers.
    if (query.__knexTxId) return;
    this.record(dropsOf(classifyStatement(query.sql ?? '')));
  }
}

const feeds = new WeakMap<Knex, ChangeFeed>();

/** The one feed of a database handle, following its statements from the first call on. */
export function changeFeed(knex: Knex): ChangeFeed {
  let feed = feeds.get(knex);
  if (!feed) {
    feed = new ChangeFeed(onServer(knex) ? SETTLE_MS : 0);
    feed.watch(knex);
    feeds.set(knex, feed);
  }
  return feed;
}
