import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import type { Status } from '../reports/types.js';
import type { Target } from './targets.js';

export const ABUSE = 'abuse_reports';

export type AbuseOutcome = 'hidden' | 'kept';

/** A resident's "this is abuse" about a report, one update of it or one photo. */
export interface AbuseReport {
  id: number;
  reportId: number;
  target: Target;
  reason: string;
  language: Language;
  createdAt: Date;
  handledAt: Date | null;
  outcome: AbuseOutcome | null;
}

/** An open abuse report as the queue shows it, with what it is about. */
export interface QueuedAbuse extends AbuseReport {
  report: { ref: string; title: string; isPrivate: boolean; status: Status; hiddenAt: Date | null };
  update: { createdAt: Date; text: string | null; hiddenAt: Date | null } | null;
  photo: { updateId: number | null; hiddenAt: Date | null } | null;
}

interface AbuseRow {
  id: number;
  report_id: number;
  update_id: number | null;
  photo_id: number | null;
  reason: string;
  language: Language;
  created_at: Date;
  handled_at: Date | null;
  outcome: AbuseOutcome | null;
}

interface QueueRow extends AbuseRow {
  ref: string;
  title: string;
  is_private: boolean;
  status: Status;
  report_hidden_at: Date | null;
  update_created_at: Date | null;
  update_text: string | null;
  update_hidden_at: Date | null;
  photo_update_id: number | null;
  photo_hidden_at: Date | null;
}

const date = (value: Date | string | null) => (value ? new Date(value) : null);

const targetOf = (row: AbuseRow): Target =>
  row.photo_id !== null
    ? { kind: 'photo', id: row.photo_id }
    : row.update_id !== null
      ? { kind: 'update', id: row.update_id }
      : { kind: 'report' };

const rowToAbuse = (row: AbuseRow): AbuseReport => ({
  id: row.id,
  reportId: row.report_id,
  target: targetOf(row),
  reason: row.reason,
  language: row.language,
  createdAt: new Date(row.created_at),
  handledAt: date(row.handled_at),
  outcome: row.outcome,
});

const rowToQueued = (row: QueueRow): QueuedAbuse => ({
  ...rowToAbuse(row),
  report: {
    ref: row.ref,
    title: row.title,
    isPrivate: row.is_private,
    status: row.status,
    hiddenAt: date(row.report_hidden_at),
  },
  update:
    row.update_id !== null
      ? {
          createdAt: new Date(row.update_created_at!),
          text: row.update_text,
          hiddenAt: date(row.update_hidden_at),
        }
      : null,
  photo:
    row.photo_id !== null ? { updateId: row.photo_update_id, hiddenAt: date(row.photo_hidden_at) } : null,
});

/** Residents' abuse reports: added from public pages, handled (hidden or kept) by moderators. */
export class AbuseRepository {
  constructor(private readonly knex: Knex) {}

  async insert(
    db: Queryable,
    entry: { reportId: number; target: Target; reason: string; language: Language },
    now: Date,
  ): Promise<number> {
    const { target } = entry;
    const [row] = (await db(ABUSE)
      .insert({
        report_id: entry.reportId,
        update_id: target.kind === 'update' ? target.id : null,
        photo_id: target.kind === 'photo' ? target.id : null,
        reason: entry.reason,
        language: entry.language,
        created_at: now,
      })
      .returning('id')) as { id: number }[];
    return row!.id;
  }

  async byId(db: Queryable, id: number, lock = false): Promise<AbuseReport | undefined> {
    const query = db<AbuseRow>(ABUSE).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as AbuseRow | undefined;
    return row ? rowToAbuse(row) : undefined;
  }

  /** Open abuse reports, oldest first; private reports only when `includePrivate`. */
  async open(options: {
    includePrivate: boolean;
    limit: number;
  }): Promise<{ items: QueuedAbuse[]; total: number }> {
    const base = () => {
      const query = this.knex(`${ABUSE} as a`)
        .join('reports as r', 'r.id', 'a.report_id')
        .whereNull('a.handled_at');
      if (!options.includePrivate) void query.where('r.is_private', false);
      return query;
    };
    const [[count], rows] = (await Promise.all([
      base().count({ count: '*' }),
      base()
        .leftJoin('report_updates as u', 'u.id', 'a.update_id')
        .leftJoin('report_photos as p', 'p.id', 'a.photo_id')
        .select(
          'a.*',
          'r.ref',
          'r.title',
          'r.is_private',
          'r.status',
          'r.hidden_at as report_hidden_at',
          'u.created_at as update_created_at',
          'u.public_text as update_text',
          'u.hidden_at as update_hidden_at',
          'p.update_id as photo_update_id',
          'p.hidden_at as photo_hidden_at',
        )
        .orderBy([
          { column: 'a.created_at', order: 'asc' },
          { column: 'a.id', order: 'asc' },
        ])
        .limit(options.limit),
    ])) as [{ count: number | string }[], QueueRow[]];
    return { items: rows.map(rowToQueued), total: Number(count?.count ?? 0) };
  }

  /** Closes one open abuse report; false when it was closed already. */
  async close(
    db: Queryable,
    id: number,
    by: { staffId: number; outcome: AbuseOutcome },
    now: Date,
  ): Promise<boolean> {
    const closed = (await db(ABUSE)
      .where({ id })
      .whereNull('handled_at')
      .update({ handled_at: now, handled_by_staff_id: by.staffId, outcome: by.outcome })
      .returning('id')) as { id: number }[];
    return closed.length > 0;
  }

  /**
   * Closes every open abuse report about what was just hidden: about the photo, the update (and
   * its photos), or (the report itself being hidden) anything of the report. Answers their ids.
   */
  async closeOpenAbout(
    db: Queryable,
    about: { reportId: number; target: Target },
    by: { staffId: number; outcome: AbuseOutcome },
    now: Date,
  ): Promise<number[]> {
    const { target } = about;
    const query = db(ABUSE).where({ report_id: about.reportId }).whereNull('handled_at');
    // An update's photos go with it.
    if (target.kind === 'update')
      void query.where((where) => {
        void where
          .where({ update_id: target.id })
          .orWhereIn('photo_id', db('report_photos').select('id').where({ update_id: target.id }));
      });
    if (target.kind === 'photo') void query.where({ photo_id: target.id });
    const rows = (await query
      .update({ handled_at: now, handled_by_staff_id: by.staffId, outcome: by.outcome })
      .returning('id')) as { id: number }[];
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }
}
