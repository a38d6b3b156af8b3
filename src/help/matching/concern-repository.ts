import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';

export interface HelpConcern {
  matchId: number;
  side: string;
  text: string;
  createdAt: Date;
}

/** What a volunteer or a person raised about a match, read on the social worker's desk. */
export class HelpConcernRepository {
  constructor(private readonly knex: Knex) {}

  async addConcern(
    trx: Queryable,
    concern: { matchId: number; side: 'volunteer' | 'person'; text: string },
    now: Date,
  ) {
    await trx('help_concerns').insert({
      match_id: concern.matchId,
      side: concern.side,
      text: concern.text,
      created_at: now,
    });
  }

  /** Whether this side already sent these very words about the match since then (not erased). */
  async sentSince(
    db: Queryable,
    concern: { matchId: number; side: 'volunteer' | 'person'; text: string },
    since: Date,
  ): Promise<boolean> {
    const row: unknown = await db('help_concerns')
      .where({ match_id: concern.matchId, side: concern.side, text: concern.text })
      .whereNull('erased_at')
      .where('created_at', '>=', since)
      .first('id');
    return row !== undefined;
  }

  async concerns(matchIds: readonly number[]): Promise<HelpConcern[]> {
    if (matchIds.length === 0) return [];
    const rows = (await this.knex('help_concerns')
      .whereIn('match_id', [...matchIds])
      .whereNull('erased_at')
      .orderBy('id')) as { match_id: number; side: string; text: string; created_at: Date }[];
    return rows.map((row) => ({
      matchId: row.match_id,
      side: row.side,
      text: row.text,
      createdAt: new Date(row.created_at),
    }));
  }
}
