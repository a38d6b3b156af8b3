import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import type { Language } from '../../i18n/index.js';
import { toFollowerColumn } from '../../mail/follow-mail.js';
import type { ReportSource, Status } from '../../reports/types.js';
import { whereInScope, type ReportScope } from '../scope.js';
import type { StaffContact, StaffRole } from '../types.js';
import { whereStaffSearch } from './search.js';

/** What the queue asks for; the scope comes from who is asking. */
export interface QueueQuery {
  scope: ReportScope;
  statuses: readonly Status[];
  parish?: string | undefined;
  category?: string | undefined;
  assigned?: { to: number } | 'nobody' | undefined;
  visibility?: 'public' | 'private' | undefined;
  /** Only reports routed before these cut-offs, per category: the overdue ones. */
  overdueBefore?: readonly { categories: readonly string[]; before: Date }[] | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface QueueRow {
  id: number;
  ref: string;
  title: string;
  status: Status;
  categoryCode: string;
  parishCode: string;
  isPrivate: boolean;
  source: ReportSource;
  routedAt: Date | null;
  createdAt: Date;
  assignedStaffId: number | null;
  assignedName: string | null;
  heldAt: Date | null;
  /** The report's language (a resident's title is in it). */
  language: Language;
  /** A request for help: its title is Tilts's words, said in each reader's language. */
  isHelp: boolean;
}

interface Row {
  id: number;
  ref: string;
  title: string;
  status: Status;
  category_code: string;
  parish_code: string;
  is_private: boolean;
  source: ReportSource;
  routed_at: Date | null;
  created_at: Date;
  assigned_staff_id: number | null;
  assigned_name: string | null;
  held_at: Date | null;
  language: Language;
  is_help: boolean;
}

const rowToQueue = (row: Row): QueueRow => ({
  id: row.id,
  ref: row.ref,
  title: row.title,
  status: row.status,
  categoryCode: row.category_code,
  parishCode: row.parish_code,
  isPrivate: row.is_private,
  source: row.source,
  routedAt: row.routed_at ? new Date(row.routed_at) : null,
  createdAt: new Date(row.created_at),
  assignedStaffId: row.assigned_staff_id,
  assignedName: row.assigned_name,
  heldAt: row.held_at ? new Date(row.held_at) : null,
  language: row.language,
  isHelp: row.is_help,
});

export interface SentEmail {
  id: number;
  kind: string;
  toEmail: string | null;
  toName: string | null;
  /**
   * Whether it went to a follower or an alert's subscriber: staff see that it went, not to whom
   * (`toEmail` and `toName` are then null), as nothing of their work needs a stranger's address.
   */
  toFollower: boolean;
  subject: string;
  /** The subject's language: each resident's own, Latvian for the parish. */
  language: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

/** A colleague a report could be assigned to, with the routing contacts that say what they see. */
export interface Colleague {
  id: number;
  name: string;
  role: StaffRole;
  contacts: Pick<StaffContact, 'id' | 'role' | 'parishCode'>[];
}

/** The staff side's queries on reports: the queue in a person's scope, and what a report page shows. */
export class StaffReportRepository {
  constructor(private readonly knex: Knex) {}

  private scoped(query: QueueQuery): Knex.QueryBuilder {
    const base = this.knex('reports as r').where((where) => {
      // Held reports (a banned sender's) are for staff to see too; unconfirmed ones are nobody's yet.
      void where.whereNot('r.status', 'unconfirmed').orWhereNotNull('r.held_at');
    });
    return whereInScope(this.knex, base, query.scope);
  }

  private filtered(query: QueueQuery): Knex.QueryBuilder {
    const base = this.scoped(query).whereIn('r.status', [...query.statuses]);
    if (query.parish) void base.where('r.parish_code', query.parish);
    if (query.category) void base.where('r.category_code', query.category);
    if (query.visibility) void base.where('r.is_private', query.visibility === 'private');
    if (query.assigned === 'nobody') void base.whereNull('r.assigned_staff_id');
    else if (query.assigned) void base.where('r.assigned_staff_id', query.assigned.to);
    if (query.overdueBefore) {
      const cutoffs = query.overdueBefore;
      void base.where((where) => {
        for (const { categories, before } of cutoffs)
          void where.orWhere(
            (one) => void one.whereIn('r.category_code', [...categories]).where('r.routed_at', '<', before),
          );
        if (cutoffs.length === 0) void where.whereRaw('false');
      });
    }
    if (query.q) void whereStaffSearch(base, query.q);
    return base;
  }

  /** A page of the queue, oldest routed first (what waits longest comes first), and the total. */
  async queue(query: QueueQuery): Promise<{ rows: QueueRow[]; total: number }> {
    const [rows, [counted]] = await Promise.all([
      this.filtered(query)
        .leftJoin('staff_members as s', 's.id', 'r.assigned_staff_id')
        .select(
          'r.id',
          'r.ref',
          'r.title',
          'r.status',
          'r.category_code',
          'r.parish_code',
          'r.is_private',
          'r.source',
          'r.routed_at',
          'r.created_at',
          'r.assigned_staff_id',
          's.name as assigned_name',
          'r.held_at',
          this.knex.raw('coalesce(r.text_language, r.language) as language'),
          this.knex.raw('exists (select 1 from help_requests h where h.report_id = r.id) as is_help'),
        )
        .orderByRaw('r.routed_at asc nulls last, r.id asc')
        .limit(query.limit)
        .offset(query.offset) as Promise<Row[]>,
      this.filtered(query).count({ count: '*' }) as Promise<{ count: number | string }[]>,
    ]);
    return { rows: rows.map(rowToQueue), total: Number(counted?.count ?? 0) };
  }

  /** How many reports of each status the scope holds with these filters (for the queue's tabs). */
  async countsByStatus(
    query: Omit<QueueQuery, 'statuses' | 'limit' | 'offset'>,
  ): Promise<Partial<Record<Status, number>>> {
    const statuses = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
    const rows = (await this.filtered({ ...query, statuses, limit: 0, offset: 0 })
      .groupBy('r.status')
      .select('r.status')
      .count({ count: '*' })) as { status: Status; count: number | string }[];
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** Every email Tilts wrote about a report: to whom, what, and whether it left. */
  async emailsOf(reportId: number): Promise<SentEmail[]> {
    const rows = (await this.knex('outbox')
      .where({ report_id: reportId })
      .orderBy('id')
      .select(
        'id',
        'kind',
        'to_email',
        'to_name',
        'subject',
        'language',
        'status',
        'created_at',
        'sent_at',
        toFollowerColumn(this.knex),
      )) as {
      id: number;
      kind: string;
      to_email: string;
      to_name: string | null;
      to_follower: boolean;
      subject: string;
      language: string;
      status: string;
      created_at: Date;
      sent_at: Date | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      toEmail: row.to_follower ? null : row.to_email,
      toName: row.to_follower ? null : row.to_name,
      toFollower: row.to_follower,
      subject: row.subject,
      language: row.language,
      status: row.status,
      createdAt: new Date(row.created_at),
      sentAt: row.sent_at ? new Date(row.sent_at) : null,
    }));
  }

  /** Colleagues a report can be assigned to: active staff who handle reports, with their contacts. */
  async assignable(): Promise<Colleague[]> {
    const rows = (await this.knex('staff_members as s')
      .leftJoin('staff_contacts as sc', 'sc.staff_id', 's.id')
      .leftJoin('contacts as c', 'c.id', 'sc.contact_id')
      .where('s.active', true)
      .whereIn('s.role', ['admin', 'social_worker', 'parish_clerk'])
      .orderBy(['s.name', 's.id', 'c.id'])
      .select(
        's.id',
        's.name',
        's.role',
        'c.id as contact_id',
        'c.role as contact_role',
        'c.parish_code',
      )) as {
      id: number;
      name: string;
      role: StaffRole;
      contact_id: number | null;
      contact_role: string | null;
      parish_code: string | null;
    }[];
    const byId = new Map<number, Colleague>();
    for (const row of rows) {
      const colleague = byId.get(row.id) ?? { id: row.id, name: row.name, role: row.role, contacts: [] };
      byId.set(row.id, colleague);
      if (row.contact_id !== null)
        colleague.contacts.push({
          id: row.contact_id,
          role: row.contact_role ?? '',
          parishCode: row.parish_code,
        });
    }
    return [...byId.values()];
  }

  /** The answers offered for a category (its own and those for every category), by title. */
  async templatesFor(
    categoryCode: string,
  ): Promise<{ id: number; title: string; body: string; language: string }[]> {
    return (await this.knex('response_templates')
      .where({ active: true })
      .where((where) => void where.where({ category_code: categoryCode }).orWhereNull('category_code'))
      .orderBy('title')
      .select('id', 'title', 'body', 'language')) as {
      id: number;
      title: string;
      body: string;
      language: string;
    }[];
  }

  async assign(db: Queryable, reportId: number, staffId: number | null, now: Date): Promise<void> {
    await db('reports').where({ id: reportId }).update({ assigned_staff_id: staffId, updated_at: now });
  }

  /** Whether a report is a request for help (in whatever category it now is). */
  async isHelpRequest(db: Queryable, reportId: number): Promise<boolean> {
    return (await db('help_requests').where({ report_id: reportId }).first('report_id')) !== undefined;
  }

  async setPrivacy(db: Queryable, reportId: number, isPrivate: boolean, now: Date): Promise<void> {
    await db('reports').where({ id: reportId }).update({ is_private: isPrivate, updated_at: now });
  }

  async move(
    db: Queryable,
    reportId: number,
    to: { categoryCode: string; parishCode: string },
    now: Date,
  ): Promise<void> {
    await db('reports')
      .where({ id: reportId })
      .update({ category_code: to.categoryCode, parish_code: to.parishCode, updated_at: now });
  }
}
