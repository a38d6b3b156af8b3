import { STATUS_WORDS } from '../mail/inbound/status-words.js';
import type { ReportLinks } from '../reports/links.js';
import type { Recipient, Report } from '../reports/types.js';

/** What every staff email carries: where to reply, the status words and the action links. */
export function staffExtras(
  links: Pick<ReportLinks, 'replyAddress' | 'action' | 'report'>,
  now: Date,
  report: Report,
  recipient: Recipient,
) {
  return {
    replyTo: links.replyAddress(report.ref, recipient.email),
    data: {
      recipient: { name: recipient.name, role: recipient.role },
      statusWords: STATUS_WORDS,
      actionUrls: {
        acknowledged: links.action(report.ref, recipient.id, 'acknowledged', now),
        in_progress: links.action(report.ref, recipient.id, 'in_progress', now),
        resolved: links.action(report.ref, recipient.id, 'resolved', now),
        not_ours: links.action(report.ref, recipient.id, 'not_ours', now),
      },
      // A private report has no public page; the email itself carries all of it.
      reportUrl: report.isPrivate ? null : links.report(report.ref),
    },
  };
}
