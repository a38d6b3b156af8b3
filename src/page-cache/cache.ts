import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { changeFeed, type ChangeFeed } from './feed.js';
import { affects, pageScopes, type Drop, type Scope } from './rules.js';

interface Entry {
  body: string;
  contentType: string;
  storedAt: number;
  scopes: Scope[];
}

export interface PageCacheOptions {
  ttlMs: number;
  maxEntries: number;
  clock?: () => number;
}

/**
 * A few seconds of rendered HTML for the busiest public pages, per language and URL. A page is
 * dropped when something it shows changes (see rules.ts): at once for this process's own writes,
 * and for another process's on its database notification (listener.ts), or at the time to live
 * when notifications cannot be had. Everything set before this middleware (security headers, the
 * language cookie, Vary) is still set on every answer, and the answer goes out through res.send,
 * so compression and HEAD apply to a kept page as to a fresh one.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly feed: ChangeFeed;
  private readonly clock: () => number;
  /** The feed's position this cache has applied. */
  private applied: number;

  constructor(
    knex: Knex,
    private readonly options: PageCacheOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.feed = changeFeed(knex);
    this.applied = this.feed.position;
  }

  /** How many pages are kept now (for tests and the benchmark). */
  get size(): number {
    this.catchUp();
    return this.entries.size;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const scopes =
        this.options.ttlMs > 0 && (req.method === 'GET' || req.method === 'HEAD')
          ? pageScopes(req.path, req.query as Record<string, unknown>)
          : undefined;
      if (!scopes) {
        next();
        return;
      }
      this.catchUp();
      const key = `${String(res.locals.lang)} ${req.originalUrl}`;
      const now = this.clock();
      const hit = this.entries.get(key);
      if (hit && now - hit.storedAt <= this.options.ttlMs) {
        res.status(200).type(hit.contentType).send(hit.body);
        return;
      }
      const started = this.feed.position;
      const cookies = res.get('Set-Cookie');
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        // res.render sends a string before Express has set the type, which will then be HTML.
        const contentType = res.get('Content-Type') ?? 'text/html; charset=utf-8';
        if (
          res.statusCode === 200 &&
          typeof body === 'string' &&
          contentType.startsWith('text/html') &&
          !/no-store|private/.test(res.get('Cache-Control') ?? '') &&
          res.get('Set-Cookie') === cookies &&
          this.unchangedSince(started, scopes)
        ) {
          this.store(key, { body, contentType, storedAt: now, scopes });
        }
        return send(body);
      };
      next();
    };
  }

  /** Applies the drops this cache has not seen yet; empties itself if it fell too far behind. */
  private catchUp() {
    const drops = this.feed.since(this.applied);
    this.applied = this.feed.position;
    if (!drops) {
      this.entries.clear();
      return;
    }
    for (const drop of new Set(drops)) this.drop(drop);
  }

  private drop(drop: Drop) {
    if (drop === 'all') {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) if (affects(drop, entry.scopes)) this.entries.delete(key);
  }

  /** Whether nothing a page shows changed while it was rendered (it may have read the old rows). */
  private unchangedSince(position: number, scopes: readonly Scope[]): boolean {
    const drops = this.feed.since(position);
    return drops !== undefined && !drops.some((drop) => affects(drop, scopes));
  }

  private store(key: string, entry: Entry) {
    this.catchUp();
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Oldest first in a Map: drop from the front to stay within the bound.
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
