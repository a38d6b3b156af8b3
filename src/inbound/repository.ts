import { affectedRows } from '../db/affected.js';
import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import { storedAddress } from '../mail/address-key.js';
import { envelopeWithoutSender, readEnvelope, type Envelope } from './envelope.js';
import type { StoredRaw } from './raw-store.js';

export const INBOUND = 'inbound_messages';

/** What became of an inbound message as the pipeline reads it (staff may also drop one: `dropped`). */
export const INBOUND_OUTCOME_CODES = [
  'received',
  'applied',
  'held',
  'auto_reply',
  'bounce',
  'unknown_address',
  'forged',
  'unknown_word',
  'expired',
  'malformed',
  'failed',
] as const;

export type InboundOutcome = (typeof INBOUND_OUTCOME_CODES)[number];

export type InboundSource = 'smtp' | 'webhook';

export interface InboundRecord {
  id: number;
  dedupeKey: string;
  source: InboundSource;
  fromEmail: string | null;
  subject: string | null;
  reportId: number | null;
  updateId: number | null;
  outcome: InboundOutcome;
  detail: string | null;
  senderProof: string | null;
  rawKey: string | null;
  envelope: Envelope | null;
  attempts: number;
  nextAttemptAt: Date | null;
  receivedAt: Date;
}

interface InboundRow {
  id: number;
  dedupe_key: string;
  source: InboundSource;
  from_email: string | null;
  subject: string | null;
  report_id: number | null;
  update_id: number | null;
  outcome: InboundOutcome;
  detail: string | null;
  sender_proof: string | null;
  raw_key: string | null;
  envelope: Envelope | string | null;
  attempts: number;
  next_attempt_at: Date | null;
  received_at: Date;
}

const COLUMNS = [
  'id',
  'dedupe_key',
  'source',
  'from_email',
  'subject',
  'report_id',
  'update_id',
  'outcome',
  'detail',
  'sender_proof',
  'raw_key',
  'envelope',
  'attempts',
  'next_attempt_at',
  'received_at',
] as const;

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
  senderProof: row.sender_proof,
  rawKey: row.raw_key,
  envelope: row.envelope === null ? null : readEnvelope(row.envelope),
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  receivedAt: row.received_at,
});

// Text from a message header may hold anything; PostgreSQL refuses NUL, and a stored line should
// stay one line.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const clean = (value: string, max: number) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, max);

export interface Settlement {
  outcome: InboundOutcome;
  reportId?: number | null;
  updateId?: number | null;
  detail?: string | null;
  senderProof?: string | null;
  fromEmail?: string | null;
  subject?: string | null;
}

export class InboundRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Records a stored message once; undefined when a message with this key was already recorded.
   * Its first attempt is due at `dueAt`: if the process dies before reading it, the retry job
   * finds it then.
   */
  async insertReceived(
    message: { dedupeKey: string; messageId: string | undefined; source: InboundSource; envelope?: Envelope },
    raw: StoredRaw,
    now: Date,
    dueAt: Date,
  ): Promise<number | undefined> {
    const rows = (await this.knex(INBOUND)
      .insert({
        dedupe_key: clean(message.dedupeKey, 300),
        message_id: message.messageId ? clean(message.messageId, 300) : null,
        source: message.source,
        raw_key: raw.key,
        raw_size: raw.size,
        raw_sha256: raw.sha256,
        envelope: message.envelope ? JSON.stringify(message.envelope) : null,
        outcome: 'received',
        received_at: now,
        next_attempt_at: dueAt,
      })
      .onConflict('dedupe_key')
      .ignore()
      .returning('id')) as { id: number }[];
    return rows[0]?.id;
  }

  async find(id: number, db: Queryable = this.knex): Promise<InboundRecord | undefined> {
    const row = (await db(INBOUND)
      .where({ id })
      .first(...COLUMNS)) as InboundRow | undefined;
    return row ? rowToRecord(row) : undefined;
  }

  /** The raw message of an older row, kept in the database before messages went to files. */
  async legacyRaw(id: number): Promise<Buffer | null> {
    const row = (await this.knex(INBOUND).where({ id }).first('raw')) as { raw: Buffer | null } | undefined;
    return row?.raw && row.raw.length > 0 ? row.raw : null;
  }

  /** What became of a message; it will not be tried again. */
  async settle(db: Queryable, id: number, result: Settlement, now: Date): Promise<void> {
    await db(INBOUND)
      .where({ id })
      .update({
        outcome: result.outcome,
        report_id: result.reportId ?? null,
        update_id: result.updateId ?? null,
        detail: result.detail ? clean(result.detail, 2000) : null,
        ...(result.senderProof !== undefined ? { sender_proof: result.senderProof } : {}),
        ...(result.fromEmail ? { from_email: storedAddress(clean(result.fromEmail, 254)) } : {}),
        ...(result.subject !== undefined && result.subject !== null
          ? { subject: clean(result.subject, 500) }
          : {}),
        next_attempt_at: null,
        processed_at: now,
      });
  }

  /**
   * A failed attempt: tried again at `retryAt`, or never (null) after the last one. Not one settled
   * before what threw (a retry would notify twice): answers whether it was marked.
   */
  async failed(
    id: number,
    attempts: number,
    retryAt: Date | null,
    detail: string,
    now: Date,
  ): Promise<boolean> {
    const marked = await this.knex(INBOUND)
      .where({ id })
      .whereIn('outcome', ['received', 'failed'])
      .update({
        outcome: 'failed',
        attempts,
        next_attempt_at: retryAt,
        detail: clean(detail, 2000),
        processed_at: now,
      });
    return affectedRows(marked) > 0;
  }

  /**
   * Leases up to `limit` messages whose attempt is due, in one statement: their next attempt moves
   * to `leaseUntil`, so another process does not take them meanwhile.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<number[]> {
    const { rows } = await this.knex.raw<{ rows: { id: number }[] }>(
      `update ${INBOUND} set next_attempt_at = ?
        where id in (
          select id from ${INBOUND}
           where outcome in ('received', 'failed') and next_attempt_at <= ?
           order by next_attempt_at
           limit ?
           for update skip locked)
        returning id`,
      [leaseUntil, now, limit],
    );
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }

  /** Forgets the raw messages received before `before`; answers the file keys to delete. */
  async purgeRaw(before: Date, now: Date, limit: number): Promise<string[]> {
    const rows = (await this.knex(INBOUND)
      .where('received_at', '<', before)
      .whereNotIn('outcome', ['received'])
      .where((where) => {
        void where.whereNotNull('raw_key').orWhereNotNull('raw');
      })
      .select('id', 'raw_key')
      .limit(limit)) as { id: number; raw_key: string | null }[];
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    await this.knex(INBOUND).whereIn('id', ids).update({ raw: null, raw_key: null, raw_purged_at: now });
    // The digests of the signatures that proved them stay (inbound_signatures): they name no one,
    // and know a copy sent again however late, a signature without t= included (signature-age.ts).
    return rows.flatMap((row) => (row.raw_key ? [row.raw_key] : []));
  }

  /**
   * Forgets one message's raw copy now (it named an erased address); answers its file's key, to
   * delete once the change is committed, or null when it was kept in the row or gone already.
   */
  async forgetRaw(db: Queryable, id: number, now: Date): Promise<string | null> {
    const row = (await db(INBOUND).where({ id }).first('raw_key')) as { raw_key: string | null } | undefined;
    await db(INBOUND).where({ id }).update({ raw: null, raw_key: null, raw_purged_at: now });
    return row?.raw_key ?? null;
  }

  /** Forgets the envelope sender the SMTP door saw for one message (it was an erased address). */
  async forgetEnvelopeSender(db: Queryable, id: number): Promise<void> {
    const row = (await db(INBOUND).where({ id }).first('envelope')) as
      { envelope: Envelope | string | null } | undefined;
    if (!row?.envelope) return;
    const envelope = readEnvelope(row.envelope);
    if (envelope.mailFrom === undefined) return;
    await db(INBOUND)
      .where({ id })
      .update({ envelope: envelopeWithoutSender(envelope) });
  }

  /** Whether a message from `from` about the report was already settled as `settled` (answered). */
  async answered(
    reportId: number,
    from: string,
    settled: { outcome: InboundOutcome; detail: string },
  ): Promise<boolean> {
    const row = (await this.knex(INBOUND)
      .where({ report_id: reportId, outcome: settled.outcome, detail: settled.detail })
      .whereRaw('lower(from_email) = ?', [storedAddress(from)])
      .first('id')) as unknown;
    return row !== undefined;
  }

  async list(options: {
    outcome?: InboundOutcome;
    reportId?: number;
    limit: number;
  }): Promise<InboundRecord[]> {
    const query = this.knex(INBOUND)
      .select(...COLUMNS)
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.outcome) void query.where({ outcome: options.outcome });
    if (options.reportId) void query.where({ report_id: options.reportId });
    return ((await query) as InboundRow[]).map(rowToRecord);
  }
}
