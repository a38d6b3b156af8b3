import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import { INBOUND, type InboundOutcome } from '../../inbound/repository.js';
import { whereInScope, type ReportScope } from '../scope.js';

/** Mail that waits for a person: held, forged, unreadable, unplaceable, or failed for good. */
export const WAITING: readonly InboundOutcome[] = [
  'held',
  'forged',
  'malformed',
  'unknown_address',
  'failed',
];

/** What a staff member may still decide on: anything not applied, dropped, or still being read. */
export const DECIDABLE: readonly InboundOutcome[] = [...WAITING, 'unknown_word', 'expired'];

/** Whether a person may decide on it now: not while the scheduler will still try it again. */
export function isDecidable(message: { outcome: InboundOutcome; nextAttemptAt: Date | null }): boolean {
  return DECIDABLE.includes(message.outcome) && !(message.outcome === 'failed' && message.nextAttemptAt);
}

/** The same rule in SQL, for the statements that take a decision. */
const notRetrying = (where: Knex.QueryBuilder) =>
  void where.whereNot('outcome', 'failed').orWhereNull('next_attempt_at');

export interface InboundListQuery {
  /** Whose list: a scope of reports, and whether mail that belongs to no report is shown. */
  scope: ReportScope & { unplaced: boolean };
  show: 'waiting' | 'all';
  limit: number;
  offset: number;
}

export interface InboundListRow {
  id: number;
  outcome: InboundOutcome;
  fromEmail: string | null;
  subject: string | null;
  detail: string | null;
  receivedAt: Date;
  reportRef: string | null;
  reportTitle: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

interface Row {
  id: number;
  outcome: InboundOutcome;
  from_email: string | null;
  subject: string | null;
  detail: string | null;
  received_at: Date;
  ref: string | null;
  title: string | null;
  decided_at: Date | null;
  decided_by: string | null;
}

/** The staff side of inbound mail: the list in a person's scope, and decisions on one message. */
export class StaffInboundRepository {
  constructor(private readonly knex: Knex) {}

  private scoped(query: Pick<InboundListQuery, 'scope' | 'show'>): Knex.QueryBuilder {
    const { knex } = this;
    const { scope } = query;
    const base = knex(`${INBOUND} as m`).leftJoin('reports as r', 'r.id', 'm.report_id');
    if (query.show === 'waiting') {
      void base
        .whereIn('m.outcome', [...WAITING])
        .whereNull('m.decided_at')
        // A failed message that will still be tried again is the machine's, not a person's.
        .where((where) => void where.whereNot('m.outcome', 'failed').orWhereNull('m.next_attempt_at'));
    }
    const all = scope.parishes === 'all' && scope.privateVia === 'all';
    if (all && scope.unplaced) return base;
    return base.where((where) => {
      void where.where((placed) => void whereInScope(knex, placed.whereNotNull('m.report_id'), scope));
      if (scope.unplaced) void where.orWhereNull('m.report_id');
    });
  }

  async list(query: InboundListQuery): Promise<{ rows: InboundListRow[]; total: number }> {
    const [rows, [counted]] = await Promise.all([
      this.scoped(query)
        .leftJoin('staff_members as s', 's.id', 'm.decided_by_staff_id')
        .select(
          'm.id',
          'm.outcome',
          'm.from_email',
          'm.subject',
          'm.detail',
          'm.received_at',
          'r.ref',
          'r.title',
          'm.decided_at',
          's.name as decided_by',
        )
        .orderBy('m.id', 'desc')
        .limit(query.limit)
        .offset(query.offset) as Promise<Row[]>,
      this.scoped(query).count({ n: '*' }) as Promise<{ n: number | string }[]>,
    ]);
    return {
      rows: rows.map((row) => ({
        id: row.id,
        outcome: row.outcome,
        fromEmail: row.from_email,
        subject: row.subject,
        detail: row.detail,
        receivedAt: new Date(row.received_at),
        reportRef: row.ref,
        reportTitle: row.title,
        decidedAt: row.decided_at ? new Date(row.decided_at) : null,
        decidedBy: row.decided_by,
      })),
      total: Number(counted?.n ?? 0),
    };
  }

  /** How many messages wait for this scope: the queue's badge. */
  async waitingCount(scope: InboundListQuery['scope']): Promise<number> {
    const [counted] = (await this.scoped({ scope, show: 'waiting' }).count({ n: '*' })) as {
      n: number | string;
    }[];
    return Number(counted?.n ?? 0);
  }

  /** Who decided, when; undefined in the record means nobody yet. */
  async decision(id: number): Promise<{ decidedAt: Date; decidedBy: string | null } | undefined> {
    const row = (await this.knex(`${INBOUND} as m`)
      .leftJoin('staff_members as s', 's.id', 'm.decided_by_staff_id')
      .where('m.id', id)
      .whereNotNull('m.decided_at')
      .first('m.decided_at', 's.name')) as { decided_at: Date; name: string | null } | undefined;
    return row ? { decidedAt: new Date(row.decided_at), decidedBy: row.name } : undefined;
  }

  /**
   * Takes the decision on a message that is still undecided and in `from`: false when someone
   * else decided first (the row is locked until this transaction ends, so two people publishing
   * at once publish once).
   */
  async decide(
    trx: Queryable,
    id: number,
    from: InboundOutcome,
    to: { outcome: 'applied' | 'dropped'; updateId?: number; staffId: number },
    now: Date,
  ): Promise<boolean> {
    const changed = await trx(INBOUND)
      .where({ id, outcome: from })
      .whereNull('decided_at')
      .where(notRetrying)
      .update({
        outcome: to.outcome,
        update_id: to.updateId ?? null,
        decided_by_staff_id: to.staffId,
        decided_at: now,
        next_attempt_at: null,
      });
    return changed === 1;
  }

  /**
   * Another copy of the same signed reply (replays.ts: a copy is held with detail `replayed: <id
   * of the first>`) that was applied on report `reportId`, if any: its id. It locks the first
   * copy's row until the transaction ends (on PostgreSQL), so of two copies published at once
   * the second waits, then sees the first published.
   */
  async appliedCopy(
    trx: Queryable,
    message: { id: number; reportId: number; detail: string | null },
  ): Promise<number | undefined> {
    const first = Number(/^replayed: (\d+)(?:;|$)/.exec(message.detail ?? '')?.[1] ?? message.id);
    await trx(INBOUND).where({ id: first }).forUpdate().first('id');
    const copy = (await trx(INBOUND)
      .where({ report_id: message.reportId, outcome: 'applied' })
      .whereNot('id', message.id)
      .where(
        (family) =>
          void family
            .where('id', first)
            .orWhere('detail', `replayed: ${first}`)
            .orWhere('detail', 'like', `replayed: ${first};%`),
      )
      .first('id')) as { id: number } | undefined;
    return copy?.id;
  }

  /** The update a published message became, once it exists. */
  async linkUpdate(trx: Queryable, id: number, updateId: number): Promise<void> {
    await trx(INBOUND).where({ id }).update({ update_id: updateId });
  }

  /** Places a message on a report, so that those who handle the report can decide on it. */
  async place(trx: Queryable, id: number, reportId: number, from: InboundOutcome): Promise<boolean> {
    const changed = await trx(INBOUND)
      .where({ id, outcome: from })
      .whereNull('decided_at')
      .where(notRetrying)
      .update({ report_id: reportId });
    return changed === 1;
  }

  /** Puts a message back to be read again (after a fix), due at once. */
  async requeue(trx: Queryable, id: number, from: InboundOutcome, now: Date): Promise<boolean> {
    const changed = await trx(INBOUND)
      .where({ id, outcome: from })
      .whereNull('decided_at')
      .where(notRetrying)
      .update({ outcome: 'received', attempts: 0, next_attempt_at: now });
    return changed === 1;
  }
}
