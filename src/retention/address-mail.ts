import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import { INBOUND, envelopeWithoutSender, readEnvelope, type Envelope } from '../inbound/repository.js';
import { ERASED_ADDRESS, maskWhole } from '../mail/erasure.js';

/**
 * The mail that came in only because an email went to an address: the delivery reports about it
 * (whose note lists the failed recipient, and whose raw message quotes the address in its text,
 * its delivery status and the returned headers) and the automatic answers from it (out of
 * office). Staff read them on the inbound page; they are no one's words about a report.
 */
const TRACE_OUTCOMES = ['bounce', 'auto_reply'];

/**
 * An erased or lapsed address (lower case) out of the delivery reports about the emails to it and
 * of the automatic answers from it: the note and subject keep MASK where it was, the sender goes,
 * and so does the raw message (its file is deleted by the caller once the change is committed:
 * its key is pushed to `rawKeys`). What came in about a report the address reports stays theirs
 * as its reporter, as its emails do. With `reportId`, only what came in about that report (its
 * reporter erased). Answers how many messages were changed.
 */
export async function forgetAddressInInboundMail(
  db: Queryable,
  address: string,
  now: Date,
  rawKeys: string[],
  options: { reportId?: number } = {},
): Promise<number> {
  const rows = (await db(INBOUND)
    .modify((about) => {
      if (options.reportId !== undefined) void about.where({ report_id: options.reportId });
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
    .select('id', 'detail', 'subject', 'from_email', 'envelope', 'raw_key', 'raw_purged_at')) as {
    id: number;
    detail: string | null;
    subject: string | null;
    from_email: string | null;
    envelope: Envelope | string | null;
    raw_key: string | null;
    raw_purged_at: Date | null;
  }[];
  let changed = 0;
  for (const row of rows) {
    const detail = row.detail === null ? null : maskWhole(row.detail, [address]);
    const subject = row.subject === null ? null : maskWhole(row.subject, [address]);
    const fromIt = row.from_email?.toLowerCase() === address;
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
        raw: null,
        raw_key: null,
        raw_purged_at: row.raw_purged_at ?? now,
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
  return envelope.mailFrom?.toLowerCase() === address
    ? envelopeWithoutSender(envelope)
    : JSON.stringify(envelope);
}

/**
 * The emails that go to an address only because it follows a report or receives alerts: asking to
 * follow, a withdrawn report's notice (never its reporter's), asking for alerts and the alerts.
 * An update of a report (`report-update`) goes to its followers too, and to its reporter.
 */
const FOLLOW_AND_ALERT_MAIL = [
  'subscription-confirm',
  'report-withdrawn',
  'alert-confirm',
  'alert-report',
  'alert-update',
  'alert-digest',
];

/**
 * The emails to `address` (lower case) about following a report or alerts: those of
 * FOLLOW_AND_ALERT_MAIL, and the updates of a report it does not report.
 */
export const followAndAlertMail = (db: Queryable, address: string) =>
  db('outbox')
    .whereRaw('lower(to_email) = ?', [address])
    .where((about) => {
      void about.whereIn('kind', FOLLOW_AND_ALERT_MAIL).orWhere((update) => {
        void update.where('kind', 'report-update').whereNotExists((own) => {
          void own
            .select(1)
            .from('reports')
            .whereRaw('reports.id = outbox.report_id')
            .whereRaw('lower(reports.reporter_email) = ?', [address]);
        });
      });
    });

/**
 * The emails about following and alerts to an address that follows and subscribes no more: those
 * waiting to go are deleted, those that went keep their row without address or words (as an erased
 * reporter's do), and their delivery error (the receiving server's answer names the recipient)
 * keeps MASK for it. The mail that came back about them, or answered them automatically, forgets
 * the address too (`forgetAddressInInboundMail`; the raw files to delete go to `rawKeys`).
 * Answers how many emails.
 */
export async function forgetFollowAndAlertMail(
  db: Queryable,
  address: string,
  now: Date,
  rawKeys: string[],
): Promise<number> {
  const deleted = affectedRows(await followAndAlertMail(db, address).where({ status: 'pending' }).delete());
  const errors = (await followAndAlertMail(db, address)
    .whereRaw('position(? in lower(last_error)) > 0', [address])
    .select('id', 'last_error')) as { id: number; last_error: string }[];
  for (const row of errors)
    await db('outbox')
      .where({ id: row.id })
      .update({ last_error: maskWhole(row.last_error, [address]) });
  await forgetAddressInInboundMail(db, address, now, rawKeys);
  const emptied = affectedRows(
    await followAndAlertMail(db, address).update({
      to_email: ERASED_ADDRESS,
      to_name: null,
      text_body: '',
      html_body: '',
      bodies_purged_at: now,
    }),
  );
  return deleted + emptied;
}
