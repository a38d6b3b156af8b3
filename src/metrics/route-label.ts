/**
 * The `route` label of a request: the pattern Express matched (`/reports/:ref`), never the URL
 * itself, whose references, tokens and typos would make a new time series each (and put tokens in
 * the monitoring). Pure rules, no I/O.
 */

/** No route answered: a 404, or a request refused by a middleware before any route. */
export const UNMATCHED = '(unmatched)';
/** A hashed static file (`/static/…`), served by a middleware, not a route. */
export const STATIC = '(static)';

/**
 * The pages the page cache may answer before any route runs (see page-cache/rules.ts), by the
 * pattern of the route that renders them, so a kept page and a fresh one count as one route.
 */
const CACHED_PAGES: readonly [RegExp, string][] = [
  [/^\/reports\/RZN-\d{4}-\d+$/, '/reports/:ref'],
  [/^\/parishes\/[a-z0-9-]+$/, '/parishes/:code'],
  [/^\/apvienibas\/[a-z0-9-]+$/, '/apvienibas/:code'],
  [/^\/(?:reports|map|statistics|help)?$/, ''],
];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface RoutedRequest {
  /** Express's matched route, if any (it stays on the request once set). */
  route?: { path?: unknown } | undefined;
  /** The mount path of the router that matched (`/dev/mailbox`), as the request left it. */
  baseUrl: string;
}

/**
 * `path` is the request's path as it arrived (before routers trimmed it). A route whose path is
 * a regular expression is named by its source, still one fixed value per route.
 */
export function routeLabel(req: RoutedRequest, path: string): string {
  const pattern = req.route?.path;
  if (pattern !== undefined) {
    const routePath =
      typeof pattern === 'string' ? pattern : pattern instanceof RegExp ? String(pattern) : UNMATCHED;
    // A route written with its whole path whose error went on to a handler mounted under that path
    // (Open311's `router.use('/open311/v2', errors)`) leaves that mount as `baseUrl`: not twice.
    if (!req.baseUrl || routePath.startsWith(`${req.baseUrl}/`)) return routePath;
    return routePath === '/' ? req.baseUrl : `${req.baseUrl}${routePath}`;
  }
  if (path.startsWith('/static/')) return STATIC;
  for (const [shape, label] of CACHED_PAGES) if (shape.test(path)) return label || path;
  return UNMATCHED;
}

/** The method label: the usual verbs, anything else as `other` (a client may send any word). */
export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'other';
}
