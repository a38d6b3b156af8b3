import type { Knex } from 'knex';
import type { Actor, MatchEvent, MatchEventRow, Via } from './repository.js';
import { HelpMatchRepository } from './repository.js';

/*
 * The matches in a person's own export (GDPR art. 15(1)(c)): to whom their contact went (a
 * volunteer or an organisation; the one who asked), when, and the answers on the way. The other
 * side is named, as the recipient, but never given by their contact; a staff member is "staff",
 * and what the other side said of their own accord (a follow-up answer, a concern) is theirs.
 */

/** A step of a match as its export gives it. */
export interface MatchStep {
  at: string;
  event: MatchEvent;
  by: Actor;
  via: Via;
  detail: string | null;
}

/** What either side's export gives of a match. */
interface MatchExport {
  id: number;
  state: string;
  proposedAt: string;
  /** When the contacts went both ways (null: nothing was shared). */
  contactsSharedAt: string | null;
  steps: MatchStep[];
  /** The concerns this side raised about the match, in their own words (not the other side's). */
  concerns: { at: string; text: string }[];
}

/** A match as the request's export gives it: the volunteer who received the person's contact. */
export interface RequestMatchExport extends MatchExport {
  /** The recipient: null once the volunteer was erased. */
  volunteer: { name: string | null; organisation: boolean };
}

/** A match as the offer's export gives it: to whom the volunteer's contact went, once it did. */
export interface OfferMatchExport extends MatchExport {
  /**
   * Who received the volunteer's contact: the person helped, or the one who asked for them (null
   * before anything was shared; the name null once the request was erased).
   */
  contactsSharedWith: { name: string | null; role: 'person' | 'asker' } | null;
}

/** The answers either side gives, which the other side is told of. */
const ANSWERS: readonly MatchEvent[] = ['accepted', 'declined', 'agreed', 'refused'];

/** The steps one side's export shows: its own, staff's and the system's, and the other side's answers. */
export function stepsFor(events: readonly MatchEventRow[], own: Actor): MatchStep[] {
  return events
    .filter(
      (event) =>
        event.actor === own ||
        event.actor === 'staff' ||
        event.actor === 'system' ||
        ANSWERS.includes(event.event),
    )
    .map((event) => ({
      at: event.at.toISOString(),
      event: event.event,
      by: event.actor,
      via: event.via,
      detail: event.detail,
    }));
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A match with both sides' names: the volunteer's (the offer's) and the one who asked (the report's). */
interface MatchRow {
  id: number;
  state: string;
  created_at: Date | string;
  shared_at: Date | string | null;
  name: string | null;
  offered_by: string | null;
  reporter_name: string | null;
  for_whom: string | null;
}

/** Reads the matches of a request or an offer for their exports. */
export class MatchDisclosures {
  private readonly matches: HelpMatchRepository;

  constructor(private readonly knex: Knex) {
    this.matches = new HelpMatchRepository(knex);
  }

  private async steps(rows: readonly MatchRow[]): Promise<Map<number, MatchEventRow[]>> {
    const events = await this.matches.events(rows.map((row) => row.id));
    const byMatch = new Map<number, MatchEventRow[]>();
    for (const event of events) byMatch.set(event.matchId, [...(byMatch.get(event.matchId) ?? []), event]);
    return byMatch;
  }

  ofRequest(reportId: number): Promise<RequestMatchExport[]> {
    return this.exports('report_id', reportId, 'person', (row) => ({
      volunteer: { name: row.name || null, organisation: row.offered_by === 'organisation' },
    }));
  }

  ofOffer(offerId: number): Promise<OfferMatchExport[]> {
    return this.exports('offer_id', offerId, 'volunteer', (row) => ({
      // The volunteer's contact goes to the one who asked (the person themselves, or on their behalf).
      contactsSharedWith:
        row.shared_at === null
          ? null
          : { name: row.reporter_name || null, role: row.for_whom === 'other' ? 'asker' : 'person' },
    }));
  }

  /** One side's matches (`own` its actor), each with what that side's export says of the other. */
  private async exports<Other>(
    side: 'report_id' | 'offer_id',
    id: number,
    own: Actor,
    other: (row: MatchRow) => Other,
  ): Promise<(MatchExport & Other)[]> {
    const rows = (await this.knex('help_matches as m')
      .leftJoin('help_offers as o', 'o.id', 'm.offer_id')
      .join('reports as r', 'r.id', 'm.report_id')
      .leftJoin('help_requests as h', 'h.report_id', 'm.report_id')
      .where(`m.${side}`, id)
      .orderBy('m.id')
      .select(
        'm.id',
        'm.state',
        'm.created_at',
        'm.shared_at',
        'o.name',
        'o.offered_by',
        'r.reporter_name',
        'h.for_whom',
      )) as MatchRow[];
    const events = await this.steps(rows);
    const concerns = await this.concerns(rows, own);
    return rows.map((row) => ({
      id: row.id,
      state: row.state,
      proposedAt: iso(row.created_at)!,
      contactsSharedAt: iso(row.shared_at),
      ...other(row),
      steps: stepsFor(events.get(row.id) ?? [], own),
      concerns: concerns.get(row.id) ?? [],
    }));
  }

  /** The words of the concerns `own` raised (an erased one's are gone), by match. */
  private async concerns(
    rows: readonly MatchRow[],
    own: Actor,
  ): Promise<Map<number, MatchExport['concerns']>> {
    const found = (await this.knex('help_concerns')
      .whereIn(
        'match_id',
        rows.map((row) => row.id),
      )
      .where({ side: own })
      .whereNull('erased_at')
      .orderBy('id')
      .select('match_id', 'text', 'created_at')) as {
      match_id: number;
      text: string;
      created_at: Date | string;
    }[];
    const byMatch = new Map<number, MatchExport['concerns']>();
    for (const row of found)
      byMatch.set(row.match_id, [
        ...(byMatch.get(row.match_id) ?? []),
        { at: iso(row.created_at)!, text: row.text },
      ]);
    return byMatch;
  }
}
