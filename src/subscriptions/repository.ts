import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { storedAddress } from '../mail/address-key.js';

export const SUBSCRIPTIONS = 'subscriptions';

/**
 * Why an address follows a report: its owner asked (`followed`), or it came with a report closed
 * as a duplicate of it, as that one's reporter (`duplicate`) or follower (`joined`).
 */
export type SubscriptionOrigin = 'followed' | 'duplicate' | 'joined';

/** A resident who confirmed they want a report's public updates. */
export interface Subscriber {
  id: number;
  email: string;
  name: string | null;
  language: Language;
  origin: SubscriptionOrigin;
}

/** What a subscription's confirmation link needs to know of it. */
export interface SubscriptionState {
  id: number;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  ref: string;
  /** Its report was withdrawn by its reporter. */
  withdrawn: boolean;
}

/** "This is my problem too": residents who follow a report by email. */
export class SubscriptionRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Records the wish to follow a report; answers the subscription's id. Asking again changes only
   * the language: an address that unsubscribed stays unsubscribed until its owner confirms anew.
   */
  async request(
    trx: Queryable,
    wish: { reportId: number; email: string; name: string; language: Language },
    now: Date,
  ): Promise<number> {
    const [row] = (await trx(SUBSCRIPTIONS)
      .insert({
        report_id: wish.reportId,
        // Kept as JavaScript lower-cases it (storedAddress): the unique index on (report_id,
        // lower(email)) then tells one address from another alike on every database's locale.
        email: storedAddress(wish.email),
        name: wish.name,
        language: wish.language,
        created_at: now,
      })
      .onConflict(this.knex.raw('(report_id, lower(email))'))
      // Asked again: `created_at` is when they last asked, so retention keeps it while the new link works.
      .merge({ language: wish.language, created_at: now })
      .returning('id')) as { id: number }[];
    return row!.id;
  }

  async state(id: number): Promise<SubscriptionState | undefined> {
    const row = (await this.knex(SUBSCRIPTIONS)
      .join('reports', 'reports.id', 'subscriptions.report_id')
      .where('subscriptions.id', id)
      .first(
        'subscriptions.id',
        'subscriptions.confirmed_at',
        'subscriptions.unsubscribed_at',
        'reports.ref',
        'reports.withdrawn_at',
      )) as
      | {
          id: number;
          confirmed_at: Date | null;
          unsubscribed_at: Date | null;
          ref: string;
          withdrawn_at: Date | null;
        }
      | undefined;
    return row
      ? {
          id: row.id,
          confirmedAt: row.confirmed_at,
          unsubscribedAt: row.unsubscribed_at,
          ref: row.ref,
          withdrawn: row.withdrawn_at !== null,
        }
      : undefined;
  }

  /** Confirmed by its owner's link: asked for, whatever brought the address here first. */
  async confirm(id: number, now: Date): Promise<void> {
    await this.knex(SUBSCRIPTIONS)
      .where({ id })
      .update({ confirmed_at: now, unsubscribed_at: null, origin: 'followed' });
  }

  async unsubscribe(id: number, now: Date): Promise<void> {
    await this.knex(SUBSCRIPTIONS)
      .where({ id })
      .whereNull('unsubscribed_at')
      .update({ unsubscribed_at: now });
  }

  /** The confirmed subscribers of a report who have not unsubscribed. */
  async confirmedSubscribers(db: Queryable, reportId: number): Promise<Subscriber[]> {
    return (await db(SUBSCRIPTIONS)
      .where({ report_id: reportId })
      .whereNotNull('confirmed_at')
      .whereNull('unsubscribed_at')
      .select('id', 'email', 'name', 'language', 'origin')) as Subscriber[];
  }

  /**
   * Moves a report's followers to another (its duplicate was closed): each address follows the
   * other report once, confirmed as it was; `also` (the closed report's own reporter) is added
   * as a follower too, being known and confirmed already. Each keeps why it follows (`origin`):
   * none of them asked for the other report, and its emails say so. One following it already
   * stays as it was.
   */
  async moveAll(
    db: Queryable,
    fromReportId: number,
    toReportId: number,
    also: { email: string; name: string; language: string } | null,
    now: Date,
  ): Promise<void> {
    const rows = (await db(SUBSCRIPTIONS)
      .where({ report_id: fromReportId })
      .whereNotNull('confirmed_at')
      .whereNull('unsubscribed_at')
      .select('email', 'name', 'language', 'origin')) as (NonNullable<typeof also> & {
      name: string | null;
      origin: SubscriptionOrigin;
    })[];
    const moved = rows.map(({ origin, ...row }) => ({
      ...row,
      origin: origin === 'followed' ? ('joined' as const) : origin,
    }));
    const followers = also ? [{ ...also, origin: 'duplicate' as const }, ...moved] : moved;
    for (const follower of followers) {
      await db(SUBSCRIPTIONS)
        .insert({
          ...follower,
          email: storedAddress(follower.email),
          report_id: toReportId,
          created_at: now,
          confirmed_at: now,
        })
        .onConflict(db.raw('(report_id, lower(email))'))
        .ignore();
    }
  }
}
