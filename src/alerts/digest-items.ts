import type { Knex } from 'knex';
import { publicOnly } from '../reports/repository.js';
import { MASKED_NAME } from '../reports/rows.js';
import type { AlertScope } from './repository.js';

/** What changed of a moved report's place, as it was before the move (codes; null: unchanged). */
export interface MovedFromPlace {
  parishCode: string | null;
  categoryCode: string | null;
}

/** A public report (new, or `moved` into the scope) or a public update of one, as a digest lists it. */
export interface DigestItem {
  kind: 'report' | 'moved' | 'update';
  reportId: number;
  ref: string;
  title: string;
  categoryCode: string;
  parishCode: string;
  toStatus: string | null;
  /** Why the report was closed, when this update closed it ("Closed (Duplicate)"). */
  closeReason: string | null;
  text: string | null;
  at: Date;
  /** The reporter's name, only to mask it where it was written; never shown. */
  writerName: string | null;
  /** Of a `moved` report: where it was before the move; null for any other item. */
  movedFrom: MovedFromPlace | null;
}

/** A report as a digest query reads it. */
interface DigestReportRow {
  id: number;
  ref: string;
  title: string;
  category_code: string;
  parish_code: string;
  at: Date;
  masked_name: string | null;
}

/** A report's place as the audit log keeps it before and after a move (staff/reports/action-kit.ts). */
interface MovePlace {
  parish?: unknown;
  category?: unknown;
}

/** A jsonb column: an object from PostgreSQL, text from some drivers. */
const placeOf = (stored: MovePlace | string | null): MovePlace | null =>
  typeof stored === 'string' ? (JSON.parse(stored) as MovePlace) : stored;

/** A move of a report by staff, as the audit log keeps it: its place before and after. */
export interface ReportMove {
  ref: string;
  before: MovePlace | null;
  after: MovePlace | null;
  at: Date;
}

/** Far more than staff move in a digest's window: a bound on what one run holds in memory. */
const MOVES_READ = 5000;

/**
 * Every move of a report between two moments, oldest first: read once for a run of digests (the
 * widest window of its alerts), each alert picking its own window and scope from it (`movedInto`).
 */
export async function readMoves(knex: Knex, from: Date, to: Date): Promise<ReportMove[]> {
  const rows = (await knex('audit_log')
    .where({ action: 'report.move', object_type: 'report' })
    .where('at', '>', from)
    .where('at', '<=', to)
    .orderBy('at')
    .orderBy('id')
    .limit(MOVES_READ)
    .select('object_id as ref', 'before', 'after', 'at')) as {
    ref: string;
    before: MovePlace | string | null;
    after: MovePlace | string | null;
    at: Date;
  }[];
  return rows.map((row) => ({
    ref: row.ref,
    before: placeOf(row.before),
    after: placeOf(row.after),
    at: new Date(row.at),
  }));
}

/** Public reports of the scope: its category, and its parish or the apvienība's parishes. */
function whereInScope(
  q: Knex.QueryBuilder,
  scope: AlertScope,
  parishCodes: string[] | null,
): Knex.QueryBuilder {
  publicOnly(q);
  if (scope.categoryCode) void q.where('reports.category_code', scope.categoryCode);
  if (scope.parishCode) void q.where('reports.parish_code', scope.parishCode);
  else if (parishCodes) void q.whereIn('reports.parish_code', parishCodes);
  return q;
}

/**
 * The public reports routed or moved into a scope, and the public updates added to public reports
 * in it, between two moments: never an internal note, a private, hidden or held report. `moves`:
 * the moves of reports of a window that holds this one (`readMoves`).
 */
export async function digestItems(
  knex: Knex,
  scope: AlertScope,
  parishCodes: string[] | null,
  window: { from: Date; to: Date; moves: readonly ReportMove[] },
): Promise<DigestItem[]> {
  const { from, to } = window;
  const inScope = (q: Knex.QueryBuilder) => whereInScope(q, scope, parishCodes);
  const reports = (await inScope(knex('reports'))
    .where('reports.routed_at', '>', from)
    .where('reports.routed_at', '<=', to)
    .orderBy('reports.routed_at')
    .limit(100)
    .select(
      'id',
      'ref',
      'title',
      'category_code',
      'parish_code',
      'routed_at as at',
      knex.raw(MASKED_NAME),
    )) as DigestReportRow[];
  const updates = (await inScope(
    knex('report_updates').join('reports', 'reports.id', 'report_updates.report_id'),
  )
    .where('report_updates.is_public', true)
    // An answer a moderator hid is on no public surface, digests included.
    .whereNull('report_updates.hidden_at')
    .where('report_updates.author_kind', '<>', 'reporter')
    .where(
      (q) => void q.whereNotNull('report_updates.public_text').orWhereNotNull('report_updates.to_status'),
    )
    .where('report_updates.created_at', '>', from)
    .where('report_updates.created_at', '<=', to)
    .orderBy('report_updates.created_at')
    .limit(100)
    .select(
      'reports.id',
      'reports.ref',
      'reports.title',
      'reports.category_code',
      'reports.parish_code',
      'report_updates.to_status',
      'reports.close_reason',
      'report_updates.public_text',
      'report_updates.created_at as at',
      knex.raw(MASKED_NAME),
    )) as {
    id: number;
    ref: string;
    title: string;
    category_code: string;
    parish_code: string;
    to_status: string | null;
    close_reason: string | null;
    public_text: string | null;
    at: Date;
    masked_name: string | null;
  }[];
  const listed = new Set(reports.map((r) => r.id));
  const moved = await movedInto(knex, { scope, parishCodes, ...window }, listed);
  const asItem = (r: DigestReportRow, movedFrom: MovedFromPlace | null): DigestItem => ({
    kind: movedFrom ? 'moved' : 'report',
    movedFrom,
    reportId: r.id,
    ref: r.ref,
    title: r.title,
    categoryCode: r.category_code,
    parishCode: r.parish_code,
    toStatus: null,
    closeReason: null,
    text: null,
    at: new Date(r.at),
    writerName: r.masked_name,
  });
  return [
    ...reports.map((r) => asItem(r, null)),
    ...moved.map((r) => asItem(r, r.from)),
    ...updates.map((u) => ({
      kind: 'update' as const,
      reportId: u.id,
      ref: u.ref,
      title: u.title,
      categoryCode: u.category_code,
      parishCode: u.parish_code,
      toStatus: u.to_status,
      closeReason: u.to_status === 'closed' ? u.close_reason : null,
      text: u.public_text,
      at: new Date(u.at),
      writerName: u.masked_name,
      movedFrom: null,
    })),
  ];
}

/**
 * The public reports staff moved into the scope between two moments (the audit log keeps each
 * move, with the place before and after), as new to it, at the time of the move: not one the
 * scope held before the move (it heard of it then), nor one already in `listed`.
 */
async function movedInto(
  knex: Knex,
  {
    scope,
    parishCodes,
    from,
    to,
    moves,
  }: { scope: AlertScope; parishCodes: string[] | null; from: Date; to: Date; moves: readonly ReportMove[] },
  listed: ReadonlySet<number>,
): Promise<(DigestReportRow & { from: MovedFromPlace })[]> {
  const holds = (place: MovePlace | null) =>
    place !== null &&
    (!scope.categoryCode || place.category === scope.categoryCode) &&
    (scope.parishCode
      ? place.parish === scope.parishCode
      : !parishCodes || parishCodes.includes(String(place.parish)));
  // This alert's window of the run's moves, at most a hundred of them, as each digest read alone.
  const mine = moves.filter((move) => move.at > from && move.at <= to).slice(0, 100);
  const into = new Map<string, { at: Date; from: MovedFromPlace }>();
  for (const move of mine) {
    if (!holds(move.after) || holds(move.before)) continue;
    const [before, after] = [move.before ?? {}, move.after!];
    // Only what this move changed is said of where it was ("Kaunatas pagasts").
    const changed = (key: keyof MovePlace) =>
      typeof before[key] === 'string' && before[key] !== after[key] ? before[key] : null;
    into.set(move.ref, {
      at: move.at,
      from: { parishCode: changed('parish'), categoryCode: changed('category') },
    });
  }
  if (into.size === 0) return [];
  // As it is now: still public, still in the scope (not moved out again), not listed already.
  const rows = (await whereInScope(knex('reports'), scope, parishCodes)
    .whereIn('reports.ref', [...into.keys()])
    .select('id', 'ref', 'title', 'category_code', 'parish_code', knex.raw(MASKED_NAME))) as Omit<
    DigestReportRow,
    'at'
  >[];
  return rows.filter((row) => !listed.has(row.id)).map((row) => ({ ...row, ...into.get(row.ref)! }));
}
