import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Scheduler } from './jobs/scheduler.js';
import { PENDING_KEPT_HOURS } from './photos/service.js';
import type { Services } from './services.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The recurring work of the app: purges that keep the privacy notice's periods, reminders, and
 * background sending. One place, so a test can run the tasks a server runs.
 */
export function registerTasks(
  scheduler: Scheduler,
  { services, config, logger }: { services: Services; config: Config; logger: Logger },
): Scheduler {
  return (
    scheduler
      .register('purge-unconfirmed-reports', HOUR, async () => {
        await services.reports.purgeUnconfirmed();
      })
      .register('purge-pending-photos', HOUR, async () => {
        await services.photos.purgePending(new Date(Date.now() - PENDING_KEPT_HOURS * HOUR));
      })
      .register('purge-rate-limits', HOUR, () =>
        services.limiter.purge(new Date(Date.now() - config.retention.rateLimitHours * HOUR)),
      )
      .register('retry-inbound-mail', MINUTE, async () => {
        await services.inbound.retryDue();
      })
      .register('purge-inbound-mail', HOUR, async () => {
        await services.inbound.purgeRaw(new Date(Date.now() - config.retention.inboundDays * DAY));
      })
      // The personal data of reports closed and volunteers gone longer than REPORT_RETENTION_DAYS.
      .register('retention', HOUR, async () => {
        const done = await services.retention.runDue();
        if (done.reports + done.offers > 0) logger.info(done, 'personal data past its retention taken out');
      })
      // Alert and follow addresses never confirmed, or unsubscribed, a month ago.
      .register('forget-lapsed-addresses', HOUR, async () => {
        const removed = await services.retention.forgetLapsedAddresses();
        if (removed > 0) logger.info({ removed }, 'lapsed alert and follow addresses deleted');
      })
      .register('purge-sent-email-bodies', HOUR, async () => {
        await services.outbox.purgeBodies(
          new Date(Date.now() - config.retention.outboxDays * DAY),
          new Date(),
        );
      })
      .register('ask-fixed-questions', HOUR, async () => {
        await services.fixedQuestions.askDue();
      })
      .register('help-offer-checks', HOUR, async () => {
        await services.helpOfferChecks.runDue();
      })
      .register('help-followups', HOUR, async () => {
        await services.helpFollowups.sendDue();
      })
      // A request withdrawn or closed stops its undecided matches; a volunteer who said yes is freed.
      .register('help-closed-requests', MINUTE, async () => {
        await services.helpClosedRequests.stopClosed();
      })
      // The words the search reads, for rows written without them (the demo, an import, an erasure).
      .register('search-words', MINUTE, async () => {
        await services.searchWords.catchUpAll();
      })
      // The followers of the reports a category was made private with: the admin's save only noted them.
      .register('private-notices', MINUTE, async () => {
        await services.privateNotices.sendDue();
      })
      // Hourly, so each daily alert goes about a day after its last digest.
      .register('alert-digests', HOUR, async () => {
        await services.alerts.sendDigests();
      })
      // Staff sessions and sign-in links once they have ended: of no use, they are not kept.
      .register('purge-staff-sessions', HOUR, () => services.staffSessions.purgeEnded())
      // Staff members' IP addresses in the audit log after AUDIT_IP_RETENTION_DAYS; the entries stay.
      .register('forget-audit-ips', HOUR, async () => {
        await services.audit.forgetIpsBefore(new Date(Date.now() - config.retention.auditIpDays * DAY));
      })
  );
}
