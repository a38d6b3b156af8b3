import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { Language } from '../../i18n/index.js';
import type { ReferenceService } from '../../reference/service.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { ReportService } from '../../reports/service.js';
import type { Report, ReportSource } from '../../reports/types.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { systemNote } from '../../timeline/system-note.js';
import { accessFacts, canSeeReport, coversParish } from '../access.js';
import type { StaffUser } from '../types.js';
import { StaffActionError } from './action-kit.js';

export interface TakenReport {
  source: Exclude<ReportSource, 'web'>;
  categoryCode: string;
  parishCode: string;
  title: string;
  description: string;
  location: string;
  name: string;
  /** Optional: a phone number is enough, and so is no contact at all (the report says so). */
  email: string | null;
  phone: string | null;
  /** The language the resident spoke: their emails come in it. */
  language: Language;
}

/**
 * Assisted reporting: staff enter a report for a resident who phoned, came in or wrote a letter.
 * It needs no confirmation (the person who took it vouches for it) and no hourly cap; it is routed
 * at once; a resident who gave an email gets the usual email with their private link, and nothing
 * is ever sent to the staff member as if they were the reporter.
 */
export class StaffIntake {
  constructor(
    private readonly deps: {
      knex: Knex;
      reports: Pick<ReportRepository, 'insert' | 'setStatus'>;
      reportService: Pick<ReportService, 'notifyRouted'>;
      routing: Pick<RoutingService, 'route'>;
      timeline: Pick<TimelineRepository, 'addUpdate'>;
      reference: Pick<ReferenceService, 'category' | 'parish'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  /**
   * The report taken, and whether its taker may open it now it is routed: a clerk who takes a
   * request for help sends it to the social worker, and does not see it afterwards.
   */
  async take(user: StaffUser, input: TakenReport, ip: string): Promise<{ report: Report; visible: boolean }> {
    const category = await this.deps.reference.category(input.categoryCode);
    if (!category?.active) throw new StaffActionError('category');
    if (!(await this.deps.reference.parish(input.parishCode)) || !coversParish(user, input.parishCode))
      throw new StaffActionError('parish');
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      const inserted = await this.deps.reports.insert(
        trx,
        {
          categoryCode: input.categoryCode,
          parishCode: input.parishCode,
          isPrivate: category.visibility === 'private',
          title: input.title,
          description: input.description,
          location: input.location,
          lat: null,
          lon: null,
          reporterName: input.name,
          reporterEmail: input.email,
          reporterPhone: input.phone,
          showName: false,
          language: input.language,
          confirmExpiresAt: null,
          source: input.source,
          enteredByStaffId: user.id,
        },
        now,
      );
      await this.deps.reports.setStatus(
        trx,
        inserted.id,
        { status: 'open', confirmedAt: now, routedAt: now },
        now,
      );
      await this.deps.timeline.addUpdate(
        trx,
        {
          reportId: inserted.id,
          authorKind: 'staff',
          authorName: user.name,
          channel: input.source === 'phone' ? 'phone' : 'web',
          fromStatus: 'unconfirmed',
          toStatus: 'open',
          internalNote: systemNote({ note: 'taken', source: input.source }),
          isPublic: true,
        },
        now,
      );
      const report: Report = { ...inserted, status: 'open', confirmedAt: now, routedAt: now };
      const recipients = await this.deps.routing.route(trx, report);
      await this.deps.reportService.notifyRouted(trx, report, recipients);
      await this.deps.audit.append(
        trx,
        {
          staffId: user.id,
          action: 'report.take',
          objectType: 'report',
          objectId: report.ref,
          after: {
            source: input.source,
            category: input.categoryCode,
            parish: input.parishCode,
            hasEmail: input.email !== null,
            hasPhone: input.phone !== null,
          },
          ip,
        },
        now,
      );
      return { report, visible: canSeeReport(user, accessFacts(report, recipients)) };
    });
  }
}
