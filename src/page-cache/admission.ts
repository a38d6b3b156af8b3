import { createHash } from 'node:crypto';

/** How many first asks are remembered; the oldest are forgotten first. */
export const REMEMBERED_ASKS = 10_000;

/**
 * Which pages may be kept the first time they are made. Most kept addresses are few: the lists'
 * filters, pages and languages, the report pages. A search's words and a list's cursors are
 * without bound, each still a real page: kept at once, a crawler or a script asking each of
 * them once would push out the pages people read. Those are kept only when asked again within
 * the time to live, which a shared link or a busy search is.
 *
 * Remembered as hashes of the address (an address may be kilobytes long), at most
 * REMEMBERED_ASKS of them (about a megabyte), so the memory of first asks is bounded too.
 */
export class SecondAsk {
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = REMEMBERED_ASKS,
  ) {}

  /** Whether a page made now at `key` may be kept: yes when it was asked before within the TTL. */
  admits(key: string, now: number): boolean {
    const hash = createHash('sha256').update(key).digest('base64');
    const askedAt = this.asked.get(hash);
    this.asked.delete(hash);
    if (askedAt !== undefined && now - askedAt <= this.ttlMs) return true;
    this.asked.set(hash, now);
    if (this.asked.size > this.limit) this.asked.delete(this.asked.keys().next().value!);
    return false;
  }

  /** How many first asks are remembered now (for tests). */
  get remembered(): number {
    return this.asked.size;
  }
}
