import type { Knex } from 'knex';
import type { AlertHooks } from '../../alerts/hooks.js';
import type { AuditRepository } from '../../audit/repository.js';
import type { Notifier } from '../../notifications/notifier.js';
import type { PhotoService } from '../../photos/service.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { systemNote } from '../../timeline/system-note.js';
import type { StaffUser } from '../types.js';
import { ReportActionKit, snapshot, StaffActionError } from './action-kit.js';
import type { StaffReportService } from './service.js';

/**
 * A banned sender's report is held: confirmed, but routed to nobody and public nowhere. Those who
 * handle its parish read it in their queue and may let it through (it is routed as if it had just
 * been confirmed), or close it like any other.
 */
export class HeldReports {
  private readonly kit: ReportActionKit;

  constructor(
    private readonly deps: {
      knex: Knex;
      view: Pick<StaffReportService, 'find'>;
      reports: Pick<ReportRepository, 'release'>;
      routing: Pick<RoutingService, 'route'>;
      notifier: Pick<Notifier, 'newReport'>;
      alerts?: Pick<AlertHooks, 'reportPublished'>;
      photos: Pick<PhotoService, 'reportKeys'>;
      timeline: Pick<TimelineRepository, 'addUpdate'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {
    this.kit = new ReportActionKit(deps);
  }

  async release(user: StaffUser, ref: string, ip: string): Promise<void> {
    const report = await this.kit.handled(user, ref);
    if (!report.heldAt || report.status !== 'open') throw new StaffActionError('nothing');
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.reports.release(trx, report.id, now))) throw new StaffActionError('nothing');
      const released = { ...report, heldAt: null, heldReason: null, routedAt: now };
      const recipients = await this.deps.routing.route(trx, released);
      // The reporter was thanked when they confirmed; only the recipients hear of it now.
      await this.deps.notifier.newReport(
        trx,
        released,
        recipients,
        await this.deps.photos.reportKeys(trx, report.id),
      );
      await this.deps.alerts?.reportPublished(trx, released);
      await this.kit.note(
        trx,
        user,
        report,
        systemNote({ note: 'released', held: report.heldReason ?? '' }),
        now,
      );
      const before = { ...snapshot(report), held: report.heldReason };
      await this.kit.audit(trx, user, 'report.release', report, before, snapshot(released), ip, now);
    });
  }
}
