import type { Queryable } from '../db/transaction.js';
import { listUnsubscribeHeaders } from '../mail/address.js';
import type { MailQueue } from '../mail/outbox.js';
import type { Notifier } from '../notifications/notifier.js';
import type { Signer } from '../security/signing.js';
import type { ReportLinks } from './links.js';
import type { Report } from './types.js';

/**
 * The email whose link confirms a new report (report-confirm), valid until `expiresAt`, if its
 * reporter gave an address: a report without one waits for staff.
 */
export async function askReporterToConfirm(
  deps: {
    mail: MailQueue;
    signer: Pick<Signer, 'expiring'>;
    links: ReportLinks;
    notifier: Pick<Notifier, 'view'>;
  },
  trx: Queryable,
  report: Report,
  expiresAt: Date,
): Promise<void> {
  const { mail, signer, links } = deps;
  if (!report.reporterEmail) return;
  const token = signer.expiring('confirm-report', String(report.id), expiresAt);
  await mail.enqueue(trx, {
    kind: 'report-confirm',
    to: { email: report.reporterEmail, name: report.reporterName },
    language: report.language,
    template: 'report-confirm',
    reportId: report.id,
    headers: listUnsubscribeHeaders(links.unsubscribe('r', report.id)),
    data: {
      report: await deps.notifier.view(report, report.language),
      confirmUrl: links.confirm(token),
      expiresAt,
      unsubscribeUrl: links.unsubscribe('r', report.id),
    },
  });
}
