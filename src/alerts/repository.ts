import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { publicOnly } from '../reports/repository.js';
import { MASKED_NAME } from '../reports/rows.js';

export const ALERTS = 'alerts';

export type Frequency = 'immediate' | 'daily';

/** What an alert follows: null codes widen it; all three null is everything. */
export interface AlertScope {
  apvienibaCode: string | null;
  parishCode: string | null;
  categoryCode: string | null;
}

export interface Alert extends AlertScope {
  id: number;
  email: string;
  language: Language;
  frequency: Frequency;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  lastDigestAt: Date | null;
}

/** A public report or a public update of one, as a digest lists it. */
export interface DigestItem {
  kind: 'report' | 'update';
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
}

interface AlertRow {
  id: number;
  email: string;
  language: Language;
  apvieniba_code: string | null;
  parish_code: string | null;
  category_code: string | null;
  frequency: Frequency;
  created_at: Date;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
  last_digest_at: Date | null;
}

const rowToAlert = (row: AlertRow): Alert => ({
  id: row.id,
  email: row.email,
  language: row.language,
  apvienibaCode: row.apvieniba_code,
  parishCode: row.parish_code,
  categoryCode: row.category_code,
  frequency: row.frequency,
  createdAt: new Date(row.created_at),
  confirmedAt: row.confirmed_at ? new Date(row.confirmed_at) : null,
  unsubscribedAt: row.unsubscribed_at ? new Date(row.unsubscribed_at) : null,
  lastDigestAt: row.last_digest_at ? new Date(row.last_digest_at) : null,
});

/** Limits a query on `alerts` to those whose scope holds a report of this parish and category. */
function matching(
  query: Knex.QueryBuilder,
  report: { parishCode: string; categoryCode: string },
  apvieniba: string,
) {
  return query
    .where((q) => void q.whereNull('parish_code').orWhere('parish_code', report.parishCode))
    .where((q) => void q.whereNull('apvieniba_code').orWhere('apvieniba_code', apvieniba))
    .where((q) => void q.whereNull('category_code').orWhere('category_code', report.categoryCode));
}

/** Residents' email alerts for a place and category. */
export class AlertRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Records the wish; answers the alert's id. Asking again for the same scope changes the language
   * and frequency of an alert that is not running; an unsubscribed alert stays so until its owner
   * confirms anew.
   */
  async request(
    trx: Queryable,
    wish: AlertScope & { email: string; language: Language; frequency: Frequency },
    now: Date,
  ): Promise<number> {
    // Two sends of the same form at once wait for each other here, so the second finds the first
    // rather than running into the unique index.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(lower(?)))', [wish.email]);
    const existing = (await trx(ALERTS)
      .whereRaw('lower(email) = lower(?)', [wish.email])
      .where({
        apvieniba_code: wish.apvienibaCode,
        parish_code: wish.parishCode,
        category_code: wish.categoryCode,
      })
      .first('id')) as { id: number } | undefined;
    if (existing) {
      // Only a wish that is not running may change: nobody alters another person's alert unconfirmed.
      await trx(ALERTS)
        .where({ id: existing.id })
        .where((q) => void q.whereNull('confirmed_at').orWhereNotNull('unsubscribed_at'))
        // Asked again: its time runs anew, so retention keeps it while the new link works.
        .update({ language: wish.language, frequency: wish.frequency, created_at: now });
      return existing.id;
    }
    const [row] = (await trx(ALERTS)
      .insert({
        email: wish.email,
        language: wish.language,
        apvieniba_code: wish.apvienibaCode,
        parish_code: wish.parishCode,
        category_code: wish.categoryCode,
        frequency: wish.frequency,
        created_at: now,
      })
      .returning('id')) as { id: number }[];
    return row!.id;
  }

  async byId(id: number): Promise<Alert | undefined> {
    const row = (await this.knex(ALERTS).where({ id }).first()) as AlertRow | undefined;
    return row ? rowToAlert(row) : undefined;
  }

  async confirm(id: number, now: Date): Promise<void> {
    // The digest counts from confirmation: nothing from before it is news to the subscriber.
    await this.knex(ALERTS)
      .where({ id })
      .update({ confirmed_at: now, unsubscribed_at: null, last_digest_at: now });
  }

  async unsubscribe(id: number, now: Date): Promise<void> {
    await this.knex(ALERTS).where({ id }).whereNull('unsubscribed_at').update({ unsubscribed_at: now });
  }

  /** Confirmed, not unsubscribed alerts of a frequency whose scope holds the report. */
  async matchingActive(
    db: Queryable,
    report: { parishCode: string; categoryCode: string },
    apvieniba: string,
    frequency: Frequency,
  ): Promise<Alert[]> {
    const query = db(ALERTS).whereNotNull('confirmed_at').whereNull('unsubscribed_at').where({ frequency });
    return ((await matching(query, report, apvieniba).select()) as AlertRow[]).map(rowToAlert);
  }

  /**
   * The addresses (lower case) that already know of a report: those an alert told of it as new
   * (the outbox keeps a row for every email, by `outbox_report`), and its followers.
   */
  async whoKnows(db: Queryable, reportId: number): Promise<Set<string>> {
    const alerted = (await db('outbox')
      .where({ report_id: reportId, kind: 'alert-report' })
      .pluck('to_email')) as string[];
    const followers = (await db('subscriptions').where({ report_id: reportId }).pluck('email')) as string[];
    return new Set([...alerted, ...followers].map((email) => email.toLowerCase()));
  }

  /** Confirmed daily alerts whose last digest is a day old or older. */
  async dueDigests(now: Date, dayMs: number): Promise<Alert[]> {
    const rows = (await this.knex(ALERTS)
      .whereNotNull('confirmed_at')
      .whereNull('unsubscribed_at')
      .where({ frequency: 'daily' })
      .where('last_digest_at', '<=', new Date(now.getTime() - dayMs))
      .orderBy('id')) as AlertRow[];
    return rows.map(rowToAlert);
  }

  async markDigested(trx: Queryable, id: number, now: Date): Promise<void> {
    await trx(ALERTS).where({ id }).update({ last_digest_at: now });
  }

  /**
   * The public reports routed, and the public updates added to public reports, in a scope
   * between two moments: never an internal note, a private, hidden or held report.
   */
  async digestItems(
    scope: AlertScope,
    parishCodes: string[] | null,
    from: Date,
    to: Date,
  ): Promise<DigestItem[]> {
    const inScope = (q: Knex.QueryBuilder) => {
      publicOnly(q);
      if (scope.categoryCode) q.where('reports.category_code', scope.categoryCode);
      if (scope.parishCode) q.where('reports.parish_code', scope.parishCode);
      else if (parishCodes) q.whereIn('reports.parish_code', parishCodes);
      return q;
    };
    const reports = (await inScope(this.knex('reports'))
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
        this.knex.raw(MASKED_NAME),
      )) as {
      id: number;
      ref: string;
      title: string;
      category_code: string;
      parish_code: string;
      at: Date;
      masked_name: string | null;
    }[];
    const updates = (await inScope(
      this.knex('report_updates').join('reports', 'reports.id', 'report_updates.report_id'),
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
        this.knex.raw(MASKED_NAME),
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
    return [
      ...reports.map((r) => ({
        kind: 'report' as const,
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
      })),
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
      })),
    ];
  }
}
