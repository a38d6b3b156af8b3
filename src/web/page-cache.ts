import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';

interface Entry {
  body: string;
  contentType: string;
  storedAt: number;
  generation: number;
}

export interface PageCacheOptions {
  ttlMs: number;
  maxEntries: number;
  clock?: () => number;
}

/** Public pages that show the same HTML to every visitor of a language; never a page with a token. */
function isCacheable(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if ('token' in req.query) return false;
  const path = req.path;
  return path === '/' || path === '/reports' || /^\/reports\/RZN-\d{4}-\d+$/.test(path);
}

/**
 * A few seconds of rendered HTML for the busiest public pages, per language and URL. Any write
 * this process makes to the database (every statement that is not a SELECT) empties it at once,
 * so a resident sees their own change immediately; another app process's change shows within the
 * time to live. Headers (security policy, language cookie) are still set on every response.
 */
// One write counter per database handle, however many apps (tests make many) share it.
const writeCounters = new WeakMap<Knex, { generation: number }>();

function writeCounter(knex: Knex): { generation: number } {
  let counter = writeCounters.get(knex);
  if (!counter) {
    const created = { generation: 0 };
    knex.on('query', (query: { sql?: string }) => {
      if (!/^\s*select\b/i.test(query.sql ?? '')) created.generation += 1;
    });
    writeCounters.set(knex, created);
    counter = created;
  }
  return counter;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly writes: { generation: number };
  private readonly clock: () => number;

  constructor(
    knex: Knex,
    private readonly options: PageCacheOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.writes = writeCounter(knex);
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (this.options.ttlMs <= 0 || !isCacheable(req)) {
        next();
        return;
      }
      const key = `${String(res.locals.lang)} ${req.originalUrl}`;
      const now = this.clock();
      const hit = this.entries.get(key);
      if (hit && hit.generation === this.writes.generation && now - hit.storedAt <= this.options.ttlMs) {
        res.status(200).type(hit.contentType).send(hit.body);
        return;
      }
      const generation = this.writes.generation;
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        // res.render sends a string before Express has set the type, which will then be HTML.
        const contentType = res.get('Content-Type') ?? 'text/html; charset=utf-8';
        if (res.statusCode === 200 && typeof body === 'string' && contentType.startsWith('text/html')) {
          this.store(key, { body, contentType, storedAt: now, generation });
        }
        return send(body);
      };
      next();
    };
  }

  private store(key: string, entry: Entry) {
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
