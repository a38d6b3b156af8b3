import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import type { Language } from '../../i18n/index.js';
import type { MatchState } from '../types.js';
import { CLOSED_STATUSES, GOING_AHEAD, UNDECIDED } from './states.js';

export type MatchEvent = MatchState | 'followup_sent' | 'followup_answer' | 'concern' | 'outcome';
export type Actor = 'staff' | 'volunteer' | 'person' | 'system';
export type Via = 'web' | 'email' | 'phone' | 'system';

export interface HelpMatch {
  id: number;
  reportId: number;
  offerId: number;
  state: MatchState;
  needText: string;
  /** The language needText is written in (textLanguage), marked where a reader's differs. */
  needLanguage: Language;
  proposedByStaffId: number | null;
  createdAt: Date;
  updatedAt: Date;
  sharedAt: Date | null;
  followupDueAt: Date | null;
  followupSentAt: Date | null;
}

export interface MatchEventRow {
  id: number;
  matchId: number;
  event: MatchEvent;
  actor: Actor;
  staffId: number | null;
  staffName: string | null;
  via: Via;
  detail: string | null;
  at: Date;
}

interface Row {
  id: number;
  report_id: number;
  offer_id: number;
  state: MatchState;
  need_text: string;
  need_language: Language;
  proposed_by_staff_id: number | null;
  created_at: Date;
  updated_at: Date;
  shared_at: Date | null;
  followup_due_at: Date | null;
  followup_sent_at: Date | null;
}

const MATCHES = 'help_matches';
const EVENTS = 'help_match_events';

const date = (value: Date | string | null) => (value === null ? null : new Date(value));
const toMatch = (row: Row): HelpMatch => ({
  id: row.id,
  reportId: row.report_id,
  offerId: row.offer_id,
  state: row.state,
  needText: row.need_text,
  needLanguage: row.need_language,
  proposedByStaffId: row.proposed_by_staff_id,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  sharedAt: date(row.shared_at),
  followupDueAt: date(row.followup_due_at),
  followupSentAt: date(row.followup_sent_at),
});

/** Matches between requests and offers, and their append-only history (concerns: concern-repository). */
export class HelpMatchRepository {
  constructor(private readonly knex: Knex) {}

  async insert(
    trx: Queryable,
    match: { reportId: number; offerId: number; needText: string; needLanguage: Language; staffId: number },
    now: Date,
  ): Promise<number> {
    const [row] = (await trx(MATCHES)
      .insert({
        report_id: match.reportId,
        offer_id: match.offerId,
        state: 'proposed',
        need_text: match.needText,
        need_language: match.needLanguage,
        proposed_by_staff_id: match.staffId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')) as { id: number }[];
    return row!.id;
  }

  async byId(id: number, db: Queryable = this.knex, lock = false): Promise<HelpMatch | undefined> {
    const query = db(MATCHES).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as Row | undefined;
    return row ? toMatch(row) : undefined;
  }

  async forReport(reportId: number, db: Queryable = this.knex): Promise<HelpMatch[]> {
    const rows = (await db(MATCHES).where({ report_id: reportId }).orderBy('id')) as Row[];
    return rows.map(toMatch);
  }

  /**
   * Holds the request's row until the transaction ends: whoever accepts or agrees on one of its
   * matches waits here for anyone else doing the same, so two never both go ahead.
   */
  async lockRequest(trx: Knex.Transaction, reportId: number): Promise<void> {
    await trx('help_requests').where({ report_id: reportId }).forUpdate().first('report_id');
  }

  async goingAhead(reportId: number, db: Queryable = this.knex): Promise<HelpMatch | undefined> {
    const row = (await db(MATCHES)
      .where({ report_id: reportId })
      .whereIn('state', [...GOING_AHEAD])
      .first()) as Row | undefined;
    return row ? toMatch(row) : undefined;
  }

  /** An offer's matches in `states`, by request: the order in which a withdrawal locks them. */
  async forOffer(offerId: number, states: readonly MatchState[], db: Queryable = this.knex) {
    const rows = (await db(MATCHES)
      .where({ offer_id: offerId })
      .whereIn('state', [...states])
      .orderBy([{ column: 'report_id' }, { column: 'id' }])) as Row[];
    return rows.map(toMatch);
  }

  /**
   * Undecided matches whose request was withdrawn, resolved or closed since (by its asker, by
   * staff, by a parish's reply): each is stopped and its volunteer told (MatchFlow.stopClosed).
   */
  async undecidedOfClosedRequests(limit: number, db: Queryable = this.knex): Promise<number[]> {
    return (await db(MATCHES)
      .join('reports', 'reports.id', `${MATCHES}.report_id`)
      .whereIn(`${MATCHES}.state`, [...UNDECIDED])
      .where((where) => {
        void where.whereNotNull('reports.withdrawn_at').orWhereIn('reports.status', [...CLOSED_STATUSES]);
      })
      .orderBy(`${MATCHES}.id`)
      .limit(limit)
      .pluck(`${MATCHES}.id`)) as number[];
  }

  /** How many people each volunteer helps now (or has said yes to). */
  async helping(offerIds: readonly number[], db: Queryable = this.knex): Promise<Map<number, number>> {
    if (offerIds.length === 0) return new Map();
    const rows = (await db(MATCHES)
      .whereIn('offer_id', [...offerIds])
      .whereIn('state', [...GOING_AHEAD])
      .groupBy('offer_id')
      .select('offer_id')
      .count({ n: '*' })) as { offer_id: number; n: number | string }[];
    return new Map(rows.map((row) => [row.offer_id, Number(row.n)]));
  }

  /** Moves a match on when it is in one of `from`; false when it was not (someone was quicker). */
  async move(
    trx: Queryable,
    id: number,
    from: readonly MatchState[],
    to: MatchState,
    now: Date,
    extra: { sharedAt?: Date; followupDueAt?: Date } = {},
  ): Promise<boolean> {
    const changed = await trx(MATCHES)
      .where({ id })
      .whereIn('state', [...from])
      .update({
        state: to,
        updated_at: now,
        ...(extra.sharedAt ? { shared_at: extra.sharedAt } : {}),
        ...(extra.followupDueAt ? { followup_due_at: extra.followupDueAt } : {}),
      });
    return changed === 1;
  }

  async addEvent(
    trx: Queryable,
    event: {
      matchId: number;
      event: MatchEvent;
      actor: Actor;
      via: Via;
      staffId?: number | null;
      detail?: string;
    },
    now: Date,
  ): Promise<void> {
    await trx(EVENTS).insert({
      match_id: event.matchId,
      event: event.event,
      actor: event.actor,
      via: event.via,
      staff_id: event.staffId ?? null,
      detail: event.detail ?? null,
      at: now,
    });
  }

  async events(matchIds: readonly number[], db: Queryable = this.knex): Promise<MatchEventRow[]> {
    if (matchIds.length === 0) return [];
    const rows = (await db(`${EVENTS} as e`)
      .leftJoin('staff_members as s', 's.id', 'e.staff_id')
      .whereIn('e.match_id', [...matchIds])
      .orderBy('e.id')
      .select('e.*', 's.name as staff_name')) as (Omit<MatchEventRow, 'matchId' | 'staffId' | 'staffName'> & {
      match_id: number;
      staff_id: number | null;
      staff_name: string | null;
    })[];
    return rows.map((row) => ({
      id: Number(row.id),
      matchId: row.match_id,
      event: row.event,
      actor: row.actor,
      staffId: row.staff_id,
      staffName: row.staff_name,
      via: row.via,
      detail: row.detail,
      at: new Date(row.at),
    }));
  }

  /** Every event of a request's matches, oldest first: what happened, who did it, when. */
  async eventsOfRequest(reportId: number): Promise<{ event: MatchEvent; actor: Actor; at: Date }[]> {
    const rows = (await this.knex(`${EVENTS} as e`)
      .join(`${MATCHES} as m`, 'm.id', 'e.match_id')
      .where('m.report_id', reportId)
      .orderBy('e.id')
      .select('e.event', 'e.actor', 'e.at')) as { event: MatchEvent; actor: Actor; at: Date | string }[];
    return rows.map((row) => ({ event: row.event, actor: row.actor, at: new Date(row.at) }));
  }

  /** Matches whose "how did it go?" is due: contacts shared, the day come, not asked yet. */
  async followupsDue(now: Date, limit: number): Promise<number[]> {
    const rows = (await this.knex(MATCHES)
      .where('state', 'shared')
      .where('followup_due_at', '<=', now)
      .whereNull('followup_sent_at')
      .orderBy('followup_due_at')
      .limit(limit)
      .select('id')) as { id: number }[];
    return rows.map((row) => row.id);
  }

  /** Marks the follow-up as sent; false when another process sent it first. */
  async followupSent(trx: Queryable, id: number, now: Date): Promise<boolean> {
    return (
      (await trx(MATCHES).where({ id }).whereNull('followup_sent_at').update({ followup_sent_at: now })) === 1
    );
  }
}
