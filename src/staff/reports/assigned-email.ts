import type { Queryable } from '../../db/transaction.js';
import type { MailQueue } from '../../mail/outbox.js';
import type { Notifier } from '../../notifications/notifier.js';
import type { ReportLinks } from '../../reports/links.js';
import type { Report } from '../../reports/types.js';
import type { StaffMember } from '../types.js';

/**
 * The email that tells a colleague a report was assigned to them, in their own language: its
 * number, its title as a stranger reads it (a contact or the reporter's name typed in it masked)
 * and its page in the workspace. Everything else, the reporter's contact too, stays behind the
 * sign-in.
 */
export class AssignedEmail {
  constructor(
    private readonly deps: {
      mail: MailQueue;
      notifier: Pick<Notifier, 'strangerView'>;
      links: Pick<ReportLinks, 'staffReport'>;
    },
  ) {}

  async send(trx: Queryable, report: Report, to: StaffMember, by: { name: string }): Promise<void> {
    const view = await this.deps.notifier.strangerView(report, to.language);
    await this.deps.mail.enqueue(trx, {
      kind: 'staff-assigned',
      to: { email: to.email, name: to.name },
      language: to.language,
      template: 'staff-assigned',
      reportId: report.id,
      data: {
        name: to.name,
        by: by.name,
        report: {
          ref: view.ref,
          title: view.title,
          language: view.titleLanguage,
          categoryName: view.categoryName,
          parishName: view.parishName,
          isHelp: view.isHelp,
        },
        workspaceUrl: this.deps.links.staffReport(report.ref),
      },
    });
  }
}
