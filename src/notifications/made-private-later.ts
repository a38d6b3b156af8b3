import type { Knex } from 'knex';
import type { ReportRepository } from '../reports/repository.js';
import type { MadePrivateNotice } from './made-private.js';
import type { PrivateNoticeRepository } from './private-notice-repository.js';

/** Reports read at once; each is then told of in a transaction of its own. */
const AT_ONCE = 200;

/**
 * The followers of the reports a category made private, told in the background (the scheduler,
 * every minute): the admin's save only leaves a row per followed report (private-reports.ts), as
 * rendering thousands of emails in it held the admin's request and the category's lock. Each report
 * is taken (its row deleted) in the transaction that queues its followers' emails, so a follower is
 * told once even when a run fails halfway or two processes run it at once. The email is the one
 * staff making a single report private sends (MadePrivateNotice), of the report as it was before:
 * public. One made public again meanwhile tells nobody.
 */
export class MadePrivateLater {
  constructor(
    private readonly deps: {
      knex: Knex;
      notices: Pick<PrivateNoticeRepository, 'due' | 'take'>;
      reports: Pick<ReportRepository, 'byId'>;
      madePrivate: Pick<MadePrivateNotice, 'tell'>;
    },
  ) {}

  /**
   * Tells the followers of every report waiting; answers how many reports were taken. A report
   * whose emails fail stays for the next run, and the others go on; the run then throws, so the
   * scheduler logs it.
   */
  async sendDue(): Promise<number> {
    let taken = 0;
    let afterId = 0;
    const failures: unknown[] = [];
    for (;;) {
      const due = await this.deps.notices.due(afterId, AT_ONCE);
      for (const reportId of due) {
        try {
          if (await this.tell(reportId)) taken += 1;
        } catch (error) {
          failures.push(error);
        }
      }
      if (due.length < AT_ONCE) break;
      afterId = due[due.length - 1]!;
    }
    if (failures.length > 0)
      throw new AggregateError(failures, `${failures.length} reports' followers not yet told it is private`);
    return taken;
  }

  private tell(reportId: number): Promise<boolean> {
    return this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.notices.take(trx, reportId))) return false;
      const report = await this.deps.reports.byId(reportId, trx);
      if (report?.isPrivate) await this.deps.madePrivate.tell(trx, { ...report, isPrivate: false });
      return true;
    });
  }
}
