import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import type { ReportLinks } from '../reports/links.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Report } from '../reports/types.js';
import type { SubscriptionOrigin, SubscriptionRepository } from '../subscriptions/repository.js';
import type { ReportReader } from '../mail/templates.js';

/** Someone who reads a report's public updates by email, with their own way to stop. */
export interface Reader {
  email: string;
  name: string | null;
  language: Language;
  unsubscribeUrl: string;
  isReporter: boolean;
  /** Why its emails come, in their footer's words: reported it, or follows it and how it came to. */
  reader: ReportReader;
}

interface ReaderDeps {
  links: Pick<ReportLinks, 'unsubscribe'>;
  reports: Pick<ReportRepository, 'reporterMuted'>;
  subscriptions: Pick<SubscriptionRepository, 'confirmedSubscribers'>;
}

/** A follower's footer, by why they follow: asked, or came with a duplicate (subscriptions). */
const FOLLOWERS: Record<SubscriptionOrigin, ReportReader> = {
  followed: 'follower',
  duplicate: 'duplicate',
  joined: 'joined',
};

/**
 * Who reads a report's public updates: its reporter (unless muted) and its subscribers, while the
 * public may read it: not of a private report, nor of one a moderator hid (its page shows nothing
 * of it to them; shown again, they hear again). Nobody of a held one (a banned sender's): it is
 * public nowhere and routed to no one, so whatever staff do to it (an answer, a new status, a move)
 * reaches neither its sender nor anyone following it. The one rule for every email to them.
 */
export async function readersOf(
  { links, reports, subscriptions }: ReaderDeps,
  trx: Queryable,
  report: Report,
  options: { skipReporter?: boolean },
): Promise<Reader[]> {
  const audience: Reader[] = [];
  if (report.heldAt) return audience;
  const reporterMuted = await reports.reporterMuted(trx, report.id);
  // A report staff took without an address has no reporter to email.
  if (!options.skipReporter && !reporterMuted && !report.withdrawnAt && report.reporterEmail) {
    audience.push({
      email: report.reporterEmail,
      name: report.reporterName,
      language: report.language,
      unsubscribeUrl: links.unsubscribe('r', report.id),
      isReporter: true,
      reader: 'reporter',
    });
  }
  if (!report.isPrivate && !report.hidden) {
    const subscribers = await subscriptions.confirmedSubscribers(trx, report.id);
    for (const subscriber of subscribers) {
      if (subscriber.email.toLowerCase() === report.reporterEmail?.toLowerCase()) continue;
      const { origin, ...person } = subscriber;
      audience.push({
        ...person,
        unsubscribeUrl: links.unsubscribe('s', subscriber.id),
        isReporter: false,
        reader: FOLLOWERS[origin],
      });
    }
  }
  return audience;
}
