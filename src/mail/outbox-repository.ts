import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { storedAddress } from './address-key.js';

export const OUTBOX = 'outbox';

export type OutboxStatus = 'pending' | 'sent' | 'dead';
/** How a sent row left: through SMTP, or kept in the local mailbox (development). */
export type DeliveredVia = 'smtp' | 'mailbox';

export interface OutboxMessage {
  id: number;
  messageId: string;
  kind: string;
  reportId: number | null;
  to: { email: string; name: string | null };
  language: Language;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  replyTo: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredVia: DeliveredVia | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** One line of the mailbox list: no bodies. */
export type OutboxSummary = Pick<
  OutboxMessage,
  'id' | 'kind' | 'to' | 'subject' | 'status' | 'attempts' | 'deliveredVia' | 'createdAt' | 'sentAt'
>;

export interface NewOutboxRow {
  messageId: string;
  kind: string;
  reportId: number | null;
  helpOfferId: number | null;
  to: { email: string; name: string | null };
  language: Language;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  replyTo: string | null;
  /** First attempt; by the app's clock, like every later one. */
  dueAt: Date;
}

interface OutboxRow {
  id: number;
  message_id: string;
  kind: string;
  report_id: number | null;
  to_email: string;
  to_name: string | null;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string> | string | null;
  reply_to: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  delivered_via: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'to_email',
  'to_name',
  'subject',
  'status',
  'attempts',
  'delivered_via',
  'created_at',
  'sent_at',
] as const;

function headersOf(value: OutboxRow['headers']): Record<string, string> {
  if (!value) return {};
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, string>) : value;
}

export function rowToOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    messageId: row.message_id,
    kind: row.kind,
    reportId: row.report_id,
    to: { email: row.to_email, name: row.to_name },
    language: row.language as Language,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: headersOf(row.headers),
    replyTo: row.reply_to,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error,
    deliveredVia: row.delivered_via as DeliveredVia | null,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
  };
}

function rowToSummary(row: Pick<OutboxRow, (typeof SUMMARY_COLUMNS)[number]>): OutboxSummary {
  return {
    id: row.id,
    kind: row.kind,
    to: { email: row.to_email, name: row.to_name },
    subject: row.subject,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    deliveredVia: row.delivered_via as DeliveredVia | null,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
  };
}

/** An email that could not be delivered, as the admin sees it before trying it again. */
export type DeadLetter = OutboxSummary &
  Pick<OutboxMessage, 'reportId' | 'lastError'> & {
    /** Its body was emptied by retention: there is nothing left to send. */
    bodiesPurged: boolean;
  };

const DEAD_COLUMNS = [...SUMMARY_COLUMNS, 'report_id', 'last_error', 'bodies_purged_at'] as const;

type DeadRow = Pick<OutboxRow, (typeof SUMMARY_COLUMNS)[number] | 'report_id' | 'last_error'> & {
  bodies_purged_at: Date | null;
};

const rowToDeadLetter = (row: DeadRow): DeadLetter => ({
  ...rowToSummary(row),
  reportId: row.report_id,
  lastError: row.last_error,
  bodiesPurged: row.bodies_purged_at !== null,
});

/** Written through the caller's transaction, so the email exists only if the cause committed. */
export async function insertOutboxRow(db: Queryable, row: NewOutboxRow): Promise<{ id: number }> {
  const [inserted] = (await db(OUTBOX)
    .insert({
      message_id: row.messageId,
      kind: row.kind,
      report_id: row.reportId,
      help_offer_id: row.helpOfferId,
      // As every address is kept (storedAddress), so that an erasure finds its emails on any database.
      to_email: storedAddress(row.to.email),
      to_name: row.to.name,
      language: row.language,
      subject: row.subject,
      text_body: row.text,
      html_body: row.html,
      // Serialised here: `pg` would turn a JS array into a PostgreSQL array, not JSON.
      headers: JSON.stringify(row.headers),
      reply_to: row.replyTo,
      next_attempt_at: row.dueAt,
    })
    .returning('id')) as { id: number }[];
  return { id: inserted!.id };
}

/** The worker's and the mailbox's view of the outbox. */
export class OutboxRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Takes up to `limit` due rows in one statement and leases them until `leaseUntil`: their next
   * attempt moves past the lease, so no other worker takes them while this one talks SMTP, and
   * a worker that dies mid-send leaves them to be retried when the lease runs out. SKIP LOCKED
   * lets two workers claim at the same moment without waiting for each other.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    const { rows } = await this.knex.raw<{ rows: OutboxRow[] }>(
      `update ${OUTBOX} set attempts = attempts + 1, next_attempt_at = ?
        where id in (
          select id from ${OUTBOX}
           where status = 'pending' and next_attempt_at <= ?
           order by id
           limit ?
           for update skip locked)
        returning *`,
      [leaseUntil, now, limit],
    );
    return rows.map(rowToOutboxMessage).sort((a, b) => a.id - b.id);
  }

  // Every outcome is written only if the row is still the one this worker claimed (same attempt).
  private claimed(message: Pick<OutboxMessage, 'id' | 'attempts'>) {
    return this.knex(OUTBOX).where({ id: message.id, attempts: message.attempts, status: 'pending' });
  }

  async markSent(message: OutboxMessage, via: DeliveredVia, at: Date): Promise<void> {
    await this.claimed(message).update({ status: 'sent', delivered_via: via, sent_at: at, last_error: null });
  }

  async scheduleRetry(message: OutboxMessage, at: Date, error: string): Promise<void> {
    await this.claimed(message).update({ next_attempt_at: at, last_error: error });
  }

  async markDead(message: OutboxMessage, error: string): Promise<void> {
    await this.claimed(message).update({ status: 'dead', last_error: error });
  }

  /** Gives a claimed row back untried: its attempt is not counted. */
  async release(message: OutboxMessage, at: Date): Promise<void> {
    await this.claimed(message).update({ attempts: message.attempts - 1, next_attempt_at: at });
  }

  async list(options: { limit: number; offset: number }): Promise<{ items: OutboxSummary[]; total: number }> {
    const [rows, [counted]] = await Promise.all([
      this.knex(OUTBOX)
        .select(...SUMMARY_COLUMNS)
        .orderBy('id', 'desc')
        .limit(options.limit)
        .offset(options.offset) as Promise<Pick<OutboxRow, (typeof SUMMARY_COLUMNS)[number]>[]>,
      this.knex(OUTBOX).count<{ count: number | string }[]>({ count: '*' }),
    ]);
    return { items: rows.map(rowToSummary), total: Number(counted?.count ?? 0) };
  }

  async find(id: number): Promise<OutboxMessage | undefined> {
    const row = (await this.knex(OUTBOX).where({ id }).first()) as OutboxRow | undefined;
    return row ? rowToOutboxMessage(row) : undefined;
  }

  /** Empties the bodies of emails that left (or died) before `before`; answers how many. */
  async purgeBodies(before: Date, now: Date): Promise<number> {
    return affectedRows(
      await this.knex(OUTBOX)
        .whereNot('status', 'pending')
        .whereNull('bodies_purged_at')
        .where('created_at', '<', before)
        .update({ text_body: '', html_body: '', bodies_purged_at: now }),
    );
  }

  /** The row of a Message-ID as it left (`<…@…>`), e.g. one a delivery report quotes. */
  async byMessageId(messageId: string): Promise<OutboxMessage | undefined> {
    const row = (await this.knex(OUTBOX).where({ message_id: messageId }).first()) as OutboxRow | undefined;
    return row ? rowToOutboxMessage(row) : undefined;
  }

  /** The emails that died (a permanent failure, or every retry used), newest first. */
  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const rows = (await this.knex(OUTBOX)
      .where({ status: 'dead' })
      .select(...DEAD_COLUMNS)
      .orderBy('id', 'desc')
      .limit(limit)) as DeadRow[];
    return rows.map(rowToDeadLetter);
  }

  async countDead(): Promise<number> {
    const [row] = (await this.knex(OUTBOX).where({ status: 'dead' }).count({ count: '*' })) as {
      count: number | string;
    }[];
    return Number(row?.count ?? 0);
  }

  /** One row in the dead letters' shape, whatever its status; `lock` holds it for the transaction. */
  async deadLetter(db: Queryable, id: number, lock = false): Promise<DeadLetter | undefined> {
    const query = db(OUTBOX)
      .where({ id })
      .first(...DEAD_COLUMNS);
    if (lock) void query.forUpdate();
    const row = (await query) as DeadRow | undefined;
    return row ? rowToDeadLetter(row) : undefined;
  }

  /** Puts a dead email back in the queue as new: due now, every attempt again. */
  async retryDead(db: Queryable, id: number, now: Date): Promise<void> {
    await db(OUTBOX)
      .where({ id, status: 'dead' })
      .whereNull('bodies_purged_at')
      .update({ status: 'pending', attempts: 0, next_attempt_at: now });
  }
}
