import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { changeFeed, type ChangeFeed } from './feed.js';
import { entryBytes, sendKept, type Entry } from './kept-page.js';
import { SecondAsk } from './admission.js';
import { affects, keptOnSecondAsk, pageScopes, type Drop, type Scope } from './rules.js';

export interface PageCacheOptions {
  ttlMs: number;
  /**
   * The memory the kept pages may take (their HTML and each compressed copy); the oldest go
   * first. Bytes rather than pages: a report's page is a fifth of a list's, so a count that suits
   * lists keeps too few reports.
   */
  maxBytes: number;
  /** How long a visitor waits for the page being made for another (WAIT_MS unless a test says). */
  waitMs?: number;
  clock?: () => number;
}

/**
 * The answers kept: HTML pages, and the map's pins as JSON or GeoJSON (each /map visit with
 * JavaScript fetches up to 5,000 of them).
 */
const KEPT_TYPE = /^(?:text\/html|application\/(?:geo\+)?json)\s*(?:;|$)/;

/**
 * How long a visitor waits for the same page being made for another before making it
 * themselves (PageCacheOptions.waitMs): a page takes milliseconds, so only a stuck one is waited
 * for this long.
 */
const WAIT_MS = 2000;

/** Resolves when `promise` does, or after `ms`, whichever comes first. */
function waitFor(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A few seconds of rendered HTML for the busiest public pages (and the map's pins), per language,
 * language of its links and URL. A page is made once for the visitors who ask for it at the same moment. It is
 * dropped when something it shows changes (see rules.ts): at once for this process's own writes,
 * and for another process's on its database notification (listener.ts), or at the time to live
 * when notifications cannot be had. Everything set before this middleware (security headers, the
 * language cookie, Vary) is still set on every answer, and the answer goes out through res.send,
 * so HEAD and ETags apply to a kept page as to a fresh one. A kept page is compressed once per
 * encoding, not on every answer: the compression middleware leaves an encoded body alone.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  /** The pages being made now, by key: settled once each is sent or its answer has ended. */
  private readonly making = new Map<string, Promise<void>>();
  private waiters = 0;
  private bytes = 0;
  private readonly feed: ChangeFeed;
  private readonly clock: () => number;
  /** The feed's position this cache has applied. */
  private applied: number;
  /** Searches and cursors are kept on their second ask (admission.ts). */
  private readonly secondAsk: SecondAsk;

  constructor(
    knex: Knex,
    private readonly options: PageCacheOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.feed = changeFeed(knex);
    this.applied = this.feed.position;
    this.secondAsk = new SecondAsk(options.ttlMs);
  }

  /** How many visitors are waiting now for a page being made for another (for tests). */
  get waiting(): number {
    return this.waiters;
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
      // By the language and whether its links name it (req.linkLanguage): the same Latvian page
      // links with `lang=lv` for a browser that asks for English and without for one that asks for
      // Latvian, and must not be given to the other.
      const key = `${req.language} ${req.linkLanguage ?? '-'} ${req.originalUrl}`;
      const admit = keptOnSecondAsk(req.query as Record<string, unknown>)
        ? (now: number) => this.secondAsk.admits(key, now)
        : undefined;
      if (this.sendIfKept(key, req, res)) return;
      // The same page already being made for another visitor: wait for it rather than make it
      // again (when a busy page's time is up, every visitor of that moment would render it).
      const making = this.making.get(key);
      if (making) {
        this.waiters += 1;
        void waitFor(making, this.options.waitMs ?? WAIT_MS)
          .then(() => {
            this.waiters -= 1;
            if (!this.sendIfKept(key, req, res)) this.makeAndKeep(key, { scopes, admit }, req, res, next);
          })
          .catch(next);
        return;
      }
      this.makeAndKeep(key, { scopes, admit }, req, res, next);
    };
  }

  /** Answers from the kept page, if there is one still fresh; whether it did. */
  private sendIfKept(key: string, req: Request, res: Response): boolean {
    this.catchUp();
    const hit = this.entries.get(key);
    if (!hit || this.clock() - hit.storedAt > this.options.ttlMs) return false;
    const before = entryBytes(hit);
    sendKept(req, res, hit);
    // A compressed copy made for this visitor is kept with the page.
    if (this.entries.get(key) === hit) this.bytes += entryBytes(hit) - before;
    this.evict();
    return true;
  }

  /**
   * Lets the routes make the page, and keeps it when it may be kept (a search or a cursor page
   * only on its second ask: `admit`). Visitors who ask for it meanwhile wait until it is sent
   * (kept or not) or the answer ends some other way (an error, a client gone); a page that was
   * not kept, each then makes for themselves.
   */
  private makeAndKeep(
    key: string,
    { scopes, admit }: { scopes: Scope[]; admit: ((now: number) => boolean) | undefined },
    req: Request,
    res: Response,
    next: NextFunction,
  ) {
    const now = this.clock();
    const started = this.feed.position;
    const cookies = res.get('Set-Cookie');
    let done!: () => void;
    const made = new Promise<void>((resolve) => (done = resolve));
    const settle = () => {
      if (this.making.get(key) === made) this.making.delete(key);
      done();
    };
    if (!this.making.has(key)) this.making.set(key, made);
    res.once('close', settle);
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // res.render sends a string before Express has set the type, which will then be HTML.
      const contentType = res.get('Content-Type') ?? 'text/html; charset=utf-8';
      const cacheControl = res.get('Cache-Control');
      if (
        res.statusCode === 200 &&
        typeof body === 'string' &&
        KEPT_TYPE.test(contentType) &&
        !/no-store|private/.test(cacheControl ?? '') &&
        res.get('Set-Cookie') === cookies &&
        this.feed.unchangedSince(started, scopes) &&
        (!admit || admit(now))
      ) {
        const kept = Buffer.from(body, 'utf8');
        const entry = { body: kept, contentType, cacheControl, storedAt: now, scopes };
        this.store(key, { ...entry, encoded: {}, etags: {} });
        // Sent as the bytes just kept: given the string, Express would encode the page again.
        res.set('Content-Type', contentType);
        const sent = send(kept);
        settle();
        return sent;
      }
      const sent = send(body);
      settle();
      return sent;
    };
    next();
  }

  /** Applies the drops this cache has not seen yet; empties itself if it fell too far behind. */
  private catchUp() {
    const drops = this.feed.since(this.applied);
    this.applied = this.feed.position;
    if (!drops) {
      this.clear();
      return;
    }
    for (const drop of new Set(drops)) this.drop(drop);
  }

  private drop(drop: Drop) {
    if (drop === 'all') {
      this.clear();
      return;
    }
    for (const [key, entry] of this.entries) if (affects(drop, entry.scopes)) this.remove(key);
  }

  private store(key: string, entry: Entry) {
    this.catchUp();
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += entryBytes(entry);
    this.evict();
  }

  /** Oldest first in a Map: drops from the front until the pages fit. */
  private evict() {
    while (this.bytes > this.options.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entryBytes(entry);
  }

  private clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  /** What the kept pages take, as counted against `maxBytes` (for tests). */
  get keptBytes(): number {
    return this.bytes;
  }
}
