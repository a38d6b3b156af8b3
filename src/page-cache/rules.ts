/**
 * What the page cache keeps, and what drops it: pure rules, no I/O.
 *
 * A cached page has scopes (what it shows); a change is a drop (what changed). A drop removes
 * every page whose scopes it touches. Reference data (places, categories, contacts, routing) is on
 * every page, so it drops everything.
 */

/** What a cached page shows. `report:<ref>` is one report's page. */
export type Scope = 'reports' | 'statistics' | 'help' | `report:${string}`;

/**
 * What changed: `all`; `reports` (some report, unknown which: every report page and every list);
 * `report:<ref>` (that report's page and every list); `statistics` (counts that include private
 * reports or the "is it fixed?" answers); `help` (volunteers' offers).
 */
export type Drop = 'all' | 'reports' | 'statistics' | 'help' | `report:${string}`;

/** The channel the database triggers notify on (see the notify_page_changes migration). */
export const CHANNEL = 'tilts_pages';

const REPORT_PAGE = /^\/reports\/(RZN-\d{4}-\d+)$/;
const PLACE_PAGE = /^\/(?:parishes|apvienibas)\/[a-z0-9-]+$/;
/** The map's pins and their counts per parish: the list's public reports, in the reader's language. */
const MAP_PINS = new Set(['/map/pins.json', '/map/reports.geojson', '/map/parishes.json']);

/**
 * The query parameters each kept page reads: `lang` (every page) and its own. The list's filters
 * and pages (report-pages/list-query.ts), the pins' filters, a period of the statistics.
 */
const FILTERS = ['parish', 'apvieniba', 'category', 'status', 'q'];
const READS_LANG = new Set(['lang']);
const READS_LIST = new Set(['lang', ...FILTERS, 'page', 'after', 'before']);
const READS_PINS = new Set(['lang', ...FILTERS]);
const READS_PERIOD = new Set(['lang', 'from', 'to']);

/**
 * Parameters whose values have no bound: a search's words and a list's cursors. A page with one
 * of them is still kept, but only on its second ask within the time to live (admission.ts).
 */
const UNBOUNDED = ['q', 'after', 'before'];

/** Whether a kept page's address is one of many without bound (an empty search is not). */
export function keptOnSecondAsk(query: Record<string, unknown>): boolean {
  return UNBOUNDED.some((name) => typeof query[name] === 'string' && query[name] !== '');
}

/**
 * The scopes when the query holds only parameters the page reads, each once. Any other (`?x=1`,
 * a `token`, a parameter given twice) makes an address no visitor shares: rendered for its
 * visitor and never kept, or a stream of made-up addresses would fill the cache and push out the
 * pages people read (one address of the pins at 5,000 reports is 1.7 MB, a fourteenth of it).
 */
function ifReading(reads: ReadonlySet<string>, query: Record<string, unknown>, scopes: Scope[]) {
  for (const name of Object.keys(query)) {
    if (!reads.has(name) || typeof query[name] !== 'string') return undefined;
  }
  return scopes;
}

/**
 * The scopes of a public page that shows the same HTML to every visitor of a language, or
 * undefined for a page that is never kept: a page with a token, a form with a CSRF token, a
 * staff page (staff sessions are only read under /staff), an address with a parameter the page
 * does not read (ifReading). The home page shows only reference data today; it is kept with the
 * lists' scope so that a list added to it later cannot go stale.
 */
export function pageScopes(path: string, query: Record<string, unknown>): Scope[] | undefined {
  if (path === '/') return ifReading(READS_LANG, query, ['reports']);
  if (path === '/reports' || path === '/map') return ifReading(READS_LIST, query, ['reports']);
  if (MAP_PINS.has(path)) return ifReading(READS_PINS, query, ['reports']);
  const report = REPORT_PAGE.exec(path);
  if (report) return ifReading(READS_LANG, query, [`report:${report[1]!}`]);
  if (path === '/statistics' || PLACE_PAGE.test(path)) {
    return ifReading(READS_PERIOD, query, ['reports', 'statistics']);
  }
  if (path === '/help') return ifReading(READS_LANG, query, ['help']);
  return undefined;
}

/** Whether a drop removes a page with these scopes. */
export function affects(drop: Drop, scopes: readonly Scope[]): boolean {
  if (drop === 'all') return true;
  if (drop === 'reports') return scopes.some((scope) => scope === 'reports' || scope.startsWith('report:'));
  if (drop.startsWith('report:')) return scopes.some((scope) => scope === 'reports' || scope === drop);
  return scopes.includes(drop as Scope);
}

/**
 * Every table, by what a change to it drops; `null` for tables no cached page reads. A table that
 * is not here (a new one) drops everything until it is classified: a test lists the database's
 * tables and fails on any missing here.
 */
export const TABLE_DROPS: Readonly<Record<string, Drop | null>> = Object.freeze({
  apvienibas: 'all',
  parishes: 'all',
  categories: 'all',
  contacts: 'all',
  routing_rules: 'all',
  reports: 'reports',
  report_updates: 'reports',
  report_photos: 'reports',
  report_recipients: 'reports',
  fixed_questions: 'statistics',
  help_offers: 'help',
  help_offer_kinds: 'help',
  help_offer_parishes: 'help',
  // Read by no cached page: mail, limits, jobs, staff and their sessions, audit, inbound mail,
  // alerts, followers, moderation queues, requests for help, API keys, uploads not yet attached,
  // backups made.
  abuse_reports: null,
  alerts: null,
  api_keys: null,
  audit_log: null,
  backups: null,
  banned_senders: null,
  help_concerns: null,
  help_match_events: null,
  help_matches: null,
  help_requests: null,
  inbound_messages: null,
  inbound_signatures: null,
  knex_migrations: null,
  knex_migrations_lock: null,
  open311_requests: null,
  outbox: null,
  pending_uploads: null,
  rate_limits: null,
  report_private_notices: null,
  response_templates: null,
  scheduled_tasks: null,
  staff_contacts: null,
  staff_members: null,
  staff_recovery_codes: null,
  staff_sessions: null,
  staff_sign_in_links: null,
  subscriptions: null,
  used_action_links: null,
});

export function dropForTable(table: string): Drop | null {
  return Object.hasOwn(TABLE_DROPS, table) ? TABLE_DROPS[table]! : 'all';
}

/** What a notification from the triggers drops: `report:<ref>`, `statistics`, or a table's name. */
export function dropForPayload(payload: string): Drop | null {
  if (/^report:RZN-\d{4}-\d+$/.test(payload) || payload === 'statistics') return payload as Drop;
  return dropForTable(payload);
}

/** What one SQL statement is, as far as the cache cares. */
export type Statement =
  | { kind: 'read' }
  | { kind: 'commit' }
  | { kind: 'rollback' }
  | { kind: 'write'; tables: string[] | 'unknown' };

const READS = new Set([
  'select',
  'show',
  'explain',
  'values',
  'table',
  'begin',
  'start',
  'savepoint',
  'release',
  'set',
  'reset',
  'listen',
  'unlisten',
  'notify',
  'lock',
  'declare',
  'fetch',
  'close',
  'deallocate',
  'discard',
  'vacuum',
  'analyze',
]);

const NAME = String.raw`(?:"[^"]+"|[a-z_][a-z0-9_$]*)(?:\s*\.\s*(?:"[^"]+"|[a-z_][a-z0-9_$]*))?`;
// `do update` (upsert), `for [no key] update` (row locks) name no table; `update x` does.
const TARGETS = new RegExp(
  String.raw`\b(?:insert\s+into|merge\s+into|delete\s+from(?:\s+only)?|(?<!\b(?:do|for|key)\s+)update(?:\s+only)?)\s+(${NAME})` +
    String.raw`|\btruncate(?:\s+table)?(?:\s+only)?\s+(${NAME}(?:\s*,\s*${NAME})*)`,
  'gi',
);

/** The bare table name of `"public"."reports"`, `reports` or `"reports"`. */
function tableName(name: string): string {
  const last = name.split(/\s*\.\s*/).pop()!;
  return last.startsWith('"') ? last.slice(1, -1) : last.toLowerCase();
}

/** The tables a statement writes to; empty when it writes none. */
function writtenTables(sql: string): string[] {
  const tables = new Set<string>();
  for (const match of sql.matchAll(TARGETS)) {
    if (match[1]) tables.add(tableName(match[1]));
    else for (const name of match[2]!.split(/\s*,\s*/)) tables.add(tableName(name));
  }
  return [...tables];
}

/**
 * Reads a statement as knex sends it: a read, the end of a transaction, or a write to some tables.
 * Anything it cannot read (DDL, COPY, a procedure) is a write to unknown tables, which drops all.
 */
export function classifyStatement(sql: string): Statement {
  // Most statements are plain reads: answered without rewriting their text.
  if (/^\s*select\b/i.test(sql)) return { kind: 'read' };
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/\$\$[\s\S]*?\$\$/g, ' ');
  const first = /^[\s(]*([a-z]+)/i.exec(text)?.[1]?.toLowerCase() ?? '';
  if (first === 'commit' || first === 'end') return { kind: 'commit' };
  if (first === 'rollback' || first === 'abort') {
    // Back to a savepoint: the transaction goes on, and what it wrote before may still commit.
    return /^\s*rollback\s+(?:work\s+|transaction\s+)?to\b/i.test(text)
      ? { kind: 'read' }
      : { kind: 'rollback' };
  }
  if (READS.has(first)) return { kind: 'read' };
  if (first === 'with') {
    const tables = writtenTables(text);
    return tables.length > 0 ? { kind: 'write', tables } : { kind: 'read' };
  }
  if (['insert', 'update', 'delete', 'truncate', 'merge'].includes(first)) {
    const tables = writtenTables(text);
    return { kind: 'write', tables: tables.length > 0 ? tables : 'unknown' };
  }
  return { kind: 'write', tables: 'unknown' };
}

/** What a write statement drops (none for tables no cached page reads). */
export function dropsOf(statement: Statement): Drop[] {
  if (statement.kind !== 'write') return [];
  if (statement.tables === 'unknown') return ['all'];
  const drops = new Set<Drop>();
  for (const table of statement.tables) {
    const drop = dropForTable(table);
    if (drop) drops.add(drop);
  }
  return [...drops];
}
