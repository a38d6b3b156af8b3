import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { storedAddress } from '../mail/address-key.js';
import { digestItems, readMoves, type DigestItem, type ReportMove } from './digest-items.js';

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
    // The address as it is kept (storedAddress): lower() alone leaves `Ā` as it is on some databases.
    const email = storedAddress(wish.email);
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [email]);
    const existing = (await trx(ALERTS)
      .whereRaw('lower(email) = lower(?)', [email])
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
        email,
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
   * The addresses (lower case) that already know of a report: those an alert told of it as new or
   * as moved there (both of kind `alert-report`: the outbox keeps a row for every email, by
   * `outbox_report`), and its followers.
   */
  async whoKnows(db: Queryable, reportId: number): Promise<Set<string>> {
    const alerted = (await db('outbox')
      .where({ report_id: reportId, kind: 'alert-report' })
      .pluck('to_email')) as string[];
    const followers = (await db('subscriptions').where({ report_id: reportId }).pluck('email')) as string[];
    return new Set([...alerted, ...followers].map(storedAddress));
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

  /** The moves of reports between two moments: once a run, for every digest in it (digest-items.ts). */
  moves(from: Date, to: Date): Promise<ReportMove[]> {
    return readMoves(this.knex, from, to);
  }

  /** The digest's news of a scope between two moments, of the run's `moves` (digest-items.ts). */
  digestItems(
    scope: AlertScope,
    parishCodes: string[] | null,
    window: { from: Date; to: Date; moves: readonly ReportMove[] },
  ): Promise<DigestItem[]> {
    return digestItems(this.knex, scope, parishCodes, window);
  }
}
