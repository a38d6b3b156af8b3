import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import { storedAddress, storedAddressOrNull as keptAs } from '../mail/address-key.js';
import { maskWhole } from '../mail/erasure.js';
import { envelopeWithoutSender, readEnvelope, type Envelope } from './envelope.js';
import { INBOUND, type InboundOutcome } from './repository.js';

/**
 * The mail that came in only because an email went to an address: the delivery reports about it
 * (whose note lists the failed recipient, and whose raw message quotes the address in its text,
 * its delivery status and the returned headers) and the automatic answers from it (out of
 * office). Staff read them on the inbound page; they are no one's words about a report.
 */
const TRACE_OUTCOMES = ['bounce', 'auto_reply'];

/** What waits for staff, or may still be decided on (as the staff inbound pages say). */
const UNDECIDED: ReadonlySet<string> = new Set([
  'held',
  'forged',
  'malformed',
  'unknown_address',
  'failed',
  'unknown_word',
  'expired',
]);

/** What erasure reads of an inbound message to forget its sender in it. */
const SENDER_COLUMNS = [
  'id',
  'outcome',
  'decided_at',
  'detail',
  'subject',
  'from_email',
  'envelope',
  'raw_key',
  'raw_purged_at',
] as const;

type SenderRow = {
  id: number;
  outcome: InboundOutcome | 'dropped';
  decided_at: Date | null;
  detail: string | null;
  subject: string | null;
  from_email: string | null;
  envelope: Envelope | string | null;
  raw_key: string | null;
  raw_purged_at: Date | null;
};

/** The messages whose From, or whose envelope sender as the SMTP door saw it, may be `address` (found by text: check). */
function sentBy(query: Knex.QueryBuilder, address: string): Knex.QueryBuilder {
  return query
    .whereRaw('lower(from_email) = ?', [address])
    .orWhereRaw('position(? in lower(cast(envelope as text))) > 0', [address]);
}

/** A message's raw copy forgotten: its file's key is pushed to `rawKeys` by the caller, to delete once committed. */
const withoutRaw = (row: Pick<SenderRow, 'raw_purged_at'>, now: Date) => ({
  raw: null,
  raw_key: null,
  raw_purged_at: row.raw_purged_at ?? now,
});

/**
 * An erased or lapsed address (lower case) out of the delivery reports about the emails to it and
 * of the automatic answers from it: the note and subject keep MASK where it was, the sender goes,
 * and so does the raw message (its file is deleted by the caller once the change is committed:
 * its key is pushed to `rawKeys`). What came in about a report the address reports stays theirs
 * as its reporter, as its emails do. With `reportId`, only what came in about that report (its
 * reporter erased, or due); with `untied`, what came in about no report at all (with both, either).
 * An automatic answer is never tied to a report, nor is a delivery report about an email to a
 * volunteer or about none of our emails: each keeps its sender as it came, and a person who asks
 * to be forgotten must leave it too (it serves no report, so nothing is lost). So must their own
 * messages that matched no report (`forgetOwnUntiedMail`), without `reportId` or with `untied`.
 * Answers how many messages were changed.
 */
export async function forgetAddressInInboundMail(
  db: Queryable,
  address: string,
  now: Date,
  rawKeys: string[],
  options: { reportId?: number; untied?: boolean } = {},
): Promise<number> {
  const { reportId, untied = false } = options;
  const rows = (await db(INBOUND)
    .modify((about) => {
      if (reportId === undefined && !untied) return;
      void about.where((scope) => {
        if (reportId !== undefined) void scope.orWhere({ report_id: reportId });
        if (untied) void scope.orWhereNull('report_id');
      });
    })
    .whereIn('outcome', TRACE_OUTCOMES)
    .where((names) => {
      void names
        .whereRaw('position(? in lower(detail)) > 0', [address])
        .orWhereRaw('position(? in lower(subject)) > 0', [address])
        .orWhereRaw('lower(from_email) = ?', [address]);
    })
    .whereNotExists((own) => {
      void own
        .select(1)
        .from('reports')
        .whereRaw(`reports.id = ${INBOUND}.report_id`)
        .whereRaw('lower(reports.reporter_email) = ?', [address]);
    })
    .select('id', 'detail', 'subject', 'from_email', 'envelope', 'raw_key', 'raw_purged_at')) as Omit<
    SenderRow,
    'outcome' | 'decided_at'
  >[];
  let changed = 0;
  for (const row of rows) {
    const detail = row.detail === null ? null : maskWhole(row.detail, [address]);
    const subject = row.subject === null ? null : maskWhole(row.subject, [address]);
    const fromIt = keptAs(row.from_email) === address;
    // Found by text, so also where the address is only the end of another ("dianna@…" for
    // "anna@…"): that one is someone else's, and keeps its note and raw message.
    if (detail === row.detail && subject === row.subject && !fromIt) continue;
    await db(INBOUND)
      .where({ id: row.id })
      .update({
        detail,
        subject,
        from_email: fromIt ? null : row.from_email,
        envelope: withoutSender(row.envelope, address),
        ...withoutRaw(row, now),
      });
    if (row.raw_key) rawKeys.push(row.raw_key);
    changed += 1;
  }
  if (reportId === undefined || untied) changed += await forgetOwnUntiedMail(db, address, now, rawKeys);
  return changed;
}

/**
 * The mail that came in about report `reportId` from any of `addresses` (lower case; an erased or
 * due reporter, or the person of a request for help) keeps what it said, which is the report's,
 * but no longer who sent it: its From address goes, and the envelope sender the SMTP door saw; its
 * note and subject keep MASK for the address, and its raw copy goes (its key pushed to `rawKeys`,
 * to delete once committed). A reply that still waited for staff (held: `moved: anna@…`) could
 * only be published under a name that is gone: it is dropped (`settledOnErasure`).
 */
export async function forgetSendersInReportMail(
  db: Queryable,
  reportId: number,
  addresses: readonly string[],
  now: Date,
  rawKeys: string[],
): Promise<void> {
  if (addresses.length === 0) return;
  const rows = (await db(INBOUND)
    .where({ report_id: reportId })
    .select(...SENDER_COLUMNS)) as SenderRow[];
  const theirs = (address: string | null | undefined) =>
    address !== null && address !== undefined && addresses.includes(storedAddress(address));
  for (const row of rows) {
    const envelope = row.envelope === null ? null : readEnvelope(row.envelope);
    const fromThem = theirs(row.from_email);
    const sentBy = envelope !== null && theirs(envelope.mailFrom);
    if (!fromThem && !sentBy) continue;
    await db(INBOUND)
      .where({ id: row.id })
      .update({
        ...(fromThem ? { from_email: null } : {}),
        ...(sentBy ? { envelope: envelopeWithoutSender(envelope) } : {}),
        detail: row.detail === null ? null : maskWhole(row.detail, addresses),
        subject: row.subject === null ? null : maskWhole(row.subject, addresses),
        ...withoutRaw(row, now),
        ...settledOnErasure(row, now),
      });
    if (row.raw_key) rawKeys.push(row.raw_key);
  }
}

/**
 * A sender's messages tied to reports they do not report (a volunteer answering a request's email
 * the social worker passed on to them: its reply address was not made for them, so it is held, or
 * kept as forged): they forget `address` (lower case) as `forgetSendersInReportMail` does. The
 * report's own people keep theirs; a report they sent is left to their erasure as its reporter.
 */
export async function forgetSenderInOthersReportMail(
  db: Queryable,
  address: string,
  now: Date,
  rawKeys: string[],
): Promise<void> {
  const reportIds = (await db(INBOUND)
    .whereNotNull('report_id')
    .where((from) => void sentBy(from, address))
    .whereNotExists((own) => {
      void own
        .select(1)
        .from('reports')
        .whereRaw(`reports.id = ${INBOUND}.report_id`)
        .whereRaw('lower(reports.reporter_email) = ?', [address]);
    })
    .distinct()
    .pluck('report_id')) as number[];
  for (const reportId of reportIds) await forgetSendersInReportMail(db, reportId, [address], now, rawKeys);
}

/**
 * What an erased person's message that still waited for staff becomes: dropped, decided now by no
 * one, so it leaves the waiting list and can no longer be published under a name that is gone.
 * What was already settled (published, dropped, an answer) stays as it was.
 */
function settledOnErasure(row: { outcome: InboundOutcome | 'dropped'; decided_at: Date | null }, now: Date) {
  return UNDECIDED.has(row.outcome) && row.decided_at === null
    ? { outcome: 'dropped', decided_at: now, next_attempt_at: null }
    : {};
}

/**
 * A person's own messages from `address` (lower case) tied to no report (sent to an address of no
 * report, unreadable, or failed for good): the row stays, for the counts, without the sender, the
 * envelope sender, the subject (their words) or the raw message (its key pushed to `rawKeys`); the
 * note keeps MASK for the address; one that waited for staff is dropped (`settledOnErasure`). A
 * message still being read is left to the pipeline. Answers how many messages were changed.
 */
async function forgetOwnUntiedMail(db: Queryable, address: string, now: Date, rawKeys: string[]) {
  const rows = (await db(INBOUND)
    .whereNull('report_id')
    .whereNotIn('outcome', [...TRACE_OUTCOMES, 'received'])
    .where((from) => void sentBy(from, address))
    .select(...SENDER_COLUMNS)) as SenderRow[];
  let changed = 0;
  for (const row of rows) {
    const fromIt = keptAs(row.from_email) === address;
    const envelope = row.envelope === null ? null : readEnvelope(row.envelope);
    // Found by text: "dianna@…" holds "anna@…", and is someone else's.
    if (!fromIt && keptAs(envelope?.mailFrom) !== address) continue;
    await db(INBOUND)
      .where({ id: row.id })
      .update({
        from_email: fromIt ? null : row.from_email,
        envelope: withoutSender(row.envelope, address),
        subject: null,
        detail: row.detail === null ? null : maskWhole(row.detail, [address]),
        ...withoutRaw(row, now),
        ...settledOnErasure(row, now),
      });
    if (row.raw_key) rawKeys.push(row.raw_key);
    changed += 1;
  }
  return changed;
}

/** A message's envelope (as the SMTP door saw it) without `address` as its sender, as stored. */
function withoutSender(stored: Envelope | string | null, address: string): string | null {
  if (stored === null) return null;
  const envelope = readEnvelope(stored);
  return keptAs(envelope.mailFrom) === address ? envelopeWithoutSender(envelope) : JSON.stringify(envelope);
}
