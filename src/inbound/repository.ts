import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';

export const INBOUND = 'inbound_messages';

export type InboundOutcome =
  'applied' | 'held' | 'auto_reply' | 'bounce' | 'unknown_address' | 'forged' | 'unknown_word' | 'failed';

export interface InboundRecord {
  id: number;
  dedupeKey: string;
  source: 'smtp' | 'webhook';
  fromEmail: string | null;
  subject: string | null;
  reportId: number | null;
  updateId: number | null;
  outcome: InboundOutcome;
  detail: string | null;
  receivedAt: Date;
}

interface InboundRow {
  id: number;
  dedupe_key: string;
  source: 'smtp' | 'webhook';
  from_email: string | null;
  subject: string | null;
  report_id: number | null;
  update_id: number | null;
  outcome: InboundOutcome;
  detail: string | null;
  received_at: Date;
}

const rowToRecord = (row: InboundRow): InboundRecord => ({
  id: row.id,
  dedupeKey: row.dedupe_key,
  source: row.source,
  fromEmail: row.from_email,
  subject: row.subject,
  reportId: row.report_id,
  updateId: row.update_id,
  outcome: row.outcome,
  detail: row.detail,
  receivedAt: row.received_at,
});

export class InboundRepository {
  constructor(private readonly knex: Knex) {}

  /** Stores a message once; answers undefined when a message with this key was already stored. */
  async insertOnce(
    db: Queryable,
    message: {
      dedupeKey: string;
      messageId?: string | undefined;
      source: 'smtp' | 'webhook';
      fromEmail: string;
      subject: string;
      raw: Buffer;
    },
    now: Date,
  ): Promise<number | undefined> {
    const rows = (await db(INBOUND)
      .insert({
        dedupe_key: message.dedupeKey.slice(0, 300),
        message_id: message.messageId?.slice(0, 300) ?? null,
        source: message.source,
        from_email: message.fromEmail.slice(0, 254) || null,
        subject: message.subject.slice(0, 500),
        raw: message.raw,
        outcome: 'failed',
        received_at: now,
      })
      .onConflict('dedupe_key')
      .ignore()
      .returning('id')) as { id: number }[];
    return rows[0]?.id;
  }

  async settle(
    db: Queryable,
    id: number,
    result: {
      outcome: InboundOutcome;
      reportId?: number | null;
      updateId?: number | null;
      detail?: string | null;
    },
  ): Promise<void> {
    await db(INBOUND)
      .where({ id })
      .update({
        outcome: result.outcome,
        report_id: result.reportId ?? null,
        update_id: result.updateId ?? null,
        detail: result.detail ?? null,
      });
  }

  async byDedupeKey(dedupeKey: string): Promise<InboundRecord | undefined> {
    const row = (await this.knex(INBOUND).where({ dedupe_key: dedupeKey }).first()) as InboundRow | undefined;
    return row ? rowToRecord(row) : undefined;
  }

  async list(options: {
    outcome?: InboundOutcome;
    reportId?: number;
    limit: number;
  }): Promise<InboundRecord[]> {
    const query = this.knex(INBOUND).orderBy('id', 'desc').limit(options.limit);
    if (options.outcome) void query.where({ outcome: options.outcome });
    if (options.reportId) void query.where({ report_id: options.reportId });
    return ((await query) as InboundRow[]).map(rowToRecord);
  }
}
