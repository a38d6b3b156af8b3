import type { ChangeFeed } from '../page-cache/feed.js';
import type { Scope } from '../page-cache/rules.js';

/** What a list's count shows, in the page cache's terms: any public report. */
const LISTS: readonly Scope[] = ['reports'];

export interface ListCountOptions {
  /**
   * How long a count is kept while another process's writes may go unseen (no database
   * notifications: the listener is down, or not started); with them, until a public report changes.
   */
  unnotifiedTtlMs: number;
  /** The longest a count is kept in any case. */
  maxAgeMs: number;
  maxEntries: number;
  clock?: () => number;
}

export const LIST_COUNT_DEFAULTS: ListCountOptions = {
  unnotifiedTtlMs: 10_000,
  maxAgeMs: 10 * 60_000,
  maxEntries: 500,
};

interface Kept {
  total: number;
  at: number;
}

/**
 * How many public reports match a list's filters (counted up to the cap), kept between changes:
 * counting up to 1,001 index entries was most of a list page's database time, and the number is
 * the same for every page and every visitor of that list until a public report changes. Dropped
 * by the same change feed as the page cache (this process's writes at once, other processes' by
 * their database notifications); while notifications are not coming, kept only `unnotifiedTtlMs`.
 */
export class ListCounts {
  private readonly kept = new Map<string, Kept>();
  private applied: number;
  private readonly clock: () => number;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly options: ListCountOptions = LIST_COUNT_DEFAULTS,
  ) {
    this.clock = options.clock ?? Date.now;
    this.applied = feed.position;
  }

  /** Where the feed stands: give it back to `remember` with a count read after this call. */
  get position(): number {
    return this.feed.position;
  }

  get(key: string): number | undefined {
    this.catchUp();
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    const age = this.clock() - kept.at;
    if (age > this.options.maxAgeMs || (!this.feed.notified && age > this.options.unnotifiedTtlMs)) {
      this.kept.delete(key);
      return undefined;
    }
    return kept.total;
  }

  /** Keeps a count read after `position`, unless a report changed meanwhile (it may be the old one). */
  remember(key: string, total: number, position: number): void {
    if (!this.feed.unchangedSince(position, LISTS)) return;
    this.catchUp();
    this.kept.delete(key);
    this.kept.set(key, { total, at: this.clock() });
    if (this.kept.size > this.options.maxEntries) {
      const oldest = this.kept.keys().next().value;
      if (oldest !== undefined) this.kept.delete(oldest);
    }
  }

  private catchUp() {
    if (!this.feed.unchangedSince(this.applied, LISTS)) this.kept.clear();
    this.applied = this.feed.position;
  }
}
