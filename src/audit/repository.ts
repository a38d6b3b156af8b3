import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import type { AuditAction, AuditObjectType, AuditValues } from './fields.js';

/** What an action keeps: `before` and `after` hold only fields the log names (src/audit/fields.ts). */
export interface AuditEntry<B extends object = object, A extends object = object> {
  staffId: number | null;
  action: AuditAction;
  objectType?: AuditObjectType | null;
  objectId?: string | number | null;
  before?: AuditValues<B> | null;
  after?: AuditValues<A> | null;
  ip?: string | null;
}

export interface AuditRecord {
  id: number;
  at: Date;
  staffId: number | null;
  staffName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilter {
  staffId?: number | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  before?: number | undefined;
  limit: number;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
const parsed = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

/**
 * The audit log: rows are only ever added; the one change the database allows is taking out an
 * entry's IP address (migrations/20270111010000_audit_ip_forgotten.ts), which `forgetIpsBefore` does.
 */
export class AuditRepository {
  constructor(private readonly knex: Knex) {}

  async append<B extends object, A extends object>(
    db: Queryable,
    entry: AuditEntry<B, A>,
    at: Date,
  ): Promise<void> {
    await db('audit_log').insert({
      at,
      staff_id: entry.staffId,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
      before: json(entry.before),
      after: json(entry.after),
      ip: entry.ip ?? null,
    });
  }

  /** Newest first; `before` pages by id. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const query = this.knex('audit_log as a')
      .leftJoin('staff_members as s', 's.id', 'a.staff_id')
      .select('a.*', 's.name as staff_name')
      .orderBy('a.id', 'desc')
      .limit(filter.limit);
    if (filter.staffId) void query.where('a.staff_id', filter.staffId);
    if (filter.action) void query.where('a.action', filter.action);
    if (filter.objectType) void query.where('a.object_type', filter.objectType);
    if (filter.objectId) void query.where('a.object_id', filter.objectId);
    if (filter.before) void query.where('a.id', '<', filter.before);
    const rows = (await query) as {
      id: number | string;
      at: Date;
      staff_id: number | null;
      staff_name: string | null;
      action: string;
      object_type: string | null;
      object_id: string | null;
      before: unknown;
      after: unknown;
      ip: string | null;
    }[];
    return rows.map((row) => ({
      id: Number(row.id),
      at: new Date(row.at),
      staffId: row.staff_id,
      staffName: row.staff_name,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      before: parsed(row.before),
      after: parsed(row.after),
      ip: row.ip,
    }));
  }

  /**
   * Takes the IP address out of the entries made before `before` (the entries stay): the hourly
   * task does it after AUDIT_IP_RETENTION_DAYS. Returns how many entries lost theirs.
   */
  async forgetIpsBefore(before: Date): Promise<number> {
    return affectedRows(
      await this.knex('audit_log').where('at', '<', before).whereNotNull('ip').update({ ip: null }),
    );
  }
}
