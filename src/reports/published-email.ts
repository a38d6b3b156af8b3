import { officeRole } from '../contacts/office-role.js';
import type { Queryable } from '../db/transaction.js';
import { listUnsubscribeHeaders } from '../mail/address.js';
import type { MailQueue } from '../mail/outbox.js';
import { TO_UNPROVEN_KEY } from '../mail/unproven.js';
import type { Notifier } from '../notifications/notifier.js';
import type { ReportLinks } from './links.js';
import type { Recipient, Report } from './types.js';
import { isPublic } from './visibility.js';

/**
 * How a report came to be confirmed, as its reporter's email must say it. `addressUnproven`: the
 * report was confirmed without its reporter proving the address (a trusted Open311 partner's), so
 * the email repeats no link or contact in its words (mail/unproven.ts) and thanks nobody for
 * confirming.
 */
export type Unproven = { addressUnproven: boolean };

/**
 * The email that tells a reporter their report is confirmed and where it went (report-published),
 * if they gave an address. A report staff took without one: the person is told by its taker.
 */
export async function tellReporterPublished(
  deps: { mail: MailQueue; links: ReportLinks; notifier: Pick<Notifier, 'view'> },
  trx: Queryable,
  report: Report,
  recipients: Recipient[],
  unproven?: Unproven,
): Promise<void> {
  const { mail, links, notifier } = deps;
  if (!report.reporterEmail) return;
  const addressUnproven = unproven?.addressUnproven === true;
  await mail.enqueue(trx, {
    kind: 'report-published',
    to: { email: report.reporterEmail, name: report.reporterName },
    language: report.language,
    template: 'report-published',
    reportId: report.id,
    headers: listUnsubscribeHeaders(links.unsubscribe('r', report.id)),
    data: {
      unsubscribeUrl: links.unsubscribe('r', report.id),
      report: await notifier.view(report, report.language),
      privateUrl: links.reporterPage(report.ref),
      // Taken by staff (a phone call, a visit, a letter), or sent on by a trusted partner's app:
      // nothing was confirmed by the resident, so the email does not thank them for confirming.
      taken: report.source !== 'web' || addressUnproven,
      publicUrl: isPublic(report) ? links.report(report.ref) : null,
      recipients: recipients.map(({ name, role, parishType }) => ({
        name,
        role: officeRole(role, parishType),
      })),
      ...(addressUnproven ? { [TO_UNPROVEN_KEY]: true } : {}),
    },
  });
}
