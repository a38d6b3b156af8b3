import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import { forgetAddressInInboundMail } from '../inbound/forget-address.js';
import { ERASED_ADDRESS, maskWhole } from '../mail/erasure.js';
import { FOLLOW_AND_ALERT_MAIL } from '../mail/follow-mail.js';

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
