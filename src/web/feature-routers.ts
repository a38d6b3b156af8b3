import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** What an Express router keeps of each `get`/`use`: the path it was given and its handler. */
interface Layer {
  rawPath?: unknown;
  route?: unknown;
  handle: unknown;
}

/**
 * Where a handler can answer, by the first segment of the path: `/reports/:ref` reaches
 * `reports`; `/sitemap-:part.xml` every segment that starts `sitemap-`; a middleware for every
 * path, or a path that starts with a parameter, reaches everywhere.
 */
export interface Reach {
  everywhere: boolean;
  segments: Set<string>;
  prefixes: string[];
}

/** Characters that start a parameter, a wildcard or an optional part in an Express 5 path. */
const PATTERN = /[:*{(]/;

/** The first segment of a path, without its leading slash ('' for `/`). */
export function firstSegment(path: string): string {
  const end = path.indexOf('/', 1);
  return path.slice(1, end === -1 ? undefined : end);
}

function add(reach: Reach, path: unknown): void {
  if (typeof path !== 'string') {
    reach.everywhere = true;
    return;
  }
  const segment = firstSegment(path).toLowerCase();
  const pattern = segment.search(PATTERN);
  if (pattern === -1) reach.segments.add(segment);
  else if (pattern > 0) reach.prefixes.push(segment.slice(0, pattern));
  else reach.everywhere = true;
}

function explore(reach: Reach, handler: unknown): void {
  const stack = (handler as { stack?: unknown }).stack;
  if (!Array.isArray(stack)) {
    reach.everywhere = true;
    return;
  }
  for (const layer of stack as Layer[]) {
    const paths = Array.isArray(layer.rawPath) ? (layer.rawPath as unknown[]) : [layer.rawPath];
    for (const path of paths) {
      // A router used without a path answers wherever its own routes do; any other middleware
      // used without a path runs for every request.
      if (!layer.route && path === '/') explore(reach, layer.handle);
      else add(reach, path);
    }
  }
}

/** Where an Express router (or any middleware: everywhere) can answer. */
export function reachOf(handler: RequestHandler): Reach {
  const reach: Reach = { everywhere: false, segments: new Set(), prefixes: [] };
  explore(reach, handler);
  return reach;
}

const reaches = (reach: Reach, segment: string) =>
  reach.everywhere ||
  reach.segments.has(segment) ||
  reach.prefixes.some((start) => segment.startsWith(start));

/** More first segments than the site has: a memo keyed by what strangers ask for cannot grow for ever. */
const MEMO_LIMIT = 500;

/**
 * The feature routers, each tried only for the paths it has routes for, in the order given. Express
 * tries every router for every request, each router its every route, and a router that answers
 * nothing hands on through `setImmediate`: a report's page went through eleven routers' worth of
 * that before its own. Here the first segment of the path picks the routers that could answer it
 * (worked out once from the routers themselves, so a new route needs no list kept beside it);
 * the rest never see the request. Matching is case-insensitive, as Express's is by default.
 */
export function featureRouters(handlers: readonly RequestHandler[]): RequestHandler {
  const known = handlers.map((handler) => ({ handler, reach: reachOf(handler) }));
  const memo = new Map<string, RequestHandler[]>();
  const candidates = (segment: string): RequestHandler[] => {
    let list = memo.get(segment);
    if (list === undefined) {
      list = known.filter(({ reach }) => reaches(reach, segment)).map(({ handler }) => handler);
      if (memo.size < MEMO_LIMIT) memo.set(segment, list);
    }
    return list;
  };
  const dispatch = (req: Request, res: Response, next: NextFunction) => {
    const list = candidates(firstSegment(req.path).toLowerCase());
    let index = 0;
    const step = (error?: unknown): void => {
      // A router that leaves with `next('router')` answers its caller with nothing, as here.
      if (error !== undefined && error !== null && error !== 'router') {
        next(error);
        return;
      }
      const handler = list[index++];
      if (handler) void handler(req, res, step);
      else next();
    };
    step();
  };
  // Layers as a router holds them, so whatever lists the app's routes (tests, tools) finds these.
  return Object.assign(dispatch, { stack: handlers.map((handler) => ({ handle: handler })) });
}
