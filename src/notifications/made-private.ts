import type { Queryable } from '../db/transaction.js';
import type { MailQueue } from '../mail/outbox.js';
import type { ReportLinks } from '../reports/links.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Report } from '../reports/types.js';
import { isPublic } from '../reports/visibility.js';
import type { SubscriptionRepository } from '../subscriptions/repository.js';
import type { Notifier } from './notifier.js';
import { perLanguage } from './per-language.js';
import { readersOf } from './readers.js';

/**
 * A public report made private (by staff, by a move into a private category, or with its whole
 * category): its followers hear of it no more and its page is gone for them, so each is told once,
 * in their language, that it is no longer public. Only what they read on its page (its number, its
 * title as the page showed it, its parish), and a link to that parish's public reports, not to the
 * page that now answers "not found". Its reporter is not told: their own page still opens.
 * Queued in the caller's transaction, as every email (the outbox's worker sends them).
 */
export class MadePrivateNotice {
  constructor(
    private readonly deps: {
      mail: MailQueue;
      links: Pick<ReportLinks, 'unsubscribe' | 'parishReports'>;
      reports: Pick<ReportRepository, 'reporterMuted'>;
      subscriptions: Pick<SubscriptionRepository, 'confirmedSubscribers'>;
      notifier: Pick<Notifier, 'strangerView'>;
    },
  ) {}

  /** `report` as it was before it was made private; answers how many were told. */
  async tell(trx: Queryable, report: Report): Promise<number> {
    // One the public could not read (hidden, held, withdrawn) told its followers nothing already.
    if (report.isPrivate || !isPublic(report)) return 0;
    const { links, notifier } = this.deps;
    const stranger = perLanguage((language) => notifier.strangerView(report, language));
    const followers = await readersOf(this.deps, trx, report, { skipReporter: true });
    for (const person of followers) {
      const view = await stranger(person.language);
      await this.deps.mail.enqueue(trx, {
        kind: 'report-private',
        to: { email: person.email, ...(person.name ? { name: person.name } : {}) },
        language: person.language,
        template: 'report-private',
        reportId: report.id,
        data: {
          report: {
            ref: view.ref,
            title: view.title,
            language: view.language,
            titleLanguage: view.titleLanguage,
            parishName: view.parishName,
          },
          reportsUrl: links.parishReports(report.parishCode),
        },
      });
    }
    return followers.length;
  }
}
