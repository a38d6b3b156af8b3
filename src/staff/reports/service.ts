import type { InboundRecord, InboundRepository } from '../../inbound/repository.js';
import type { PhotoService } from '../../photos/service.js';
import type { ReferenceService } from '../../reference/service.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { Photo, Recipient, Report, ReportUpdate, Status } from '../../reports/types.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { NotFoundError } from '../../web/errors.js';
import { accessFacts, canHandleReport, canSeeReport, coversParish, mayBeAssigned } from '../access.js';
import { scopeFor } from '../scope.js';
import type { StaffUser } from '../types.js';
import { workingDaysBetween } from '../working-days.js';
import { overdueCutoffs } from './overdue.js';
import type { QueueRow, SentEmail, StaffReportRepository } from './repository.js';

export const ACTIVE: readonly Status[] = ['open', 'acknowledged', 'in_progress'];
export const QUEUE_PAGE = 50;

export interface QueueFilters {
  status: 'active' | 'all' | Status;
  parish?: string | undefined;
  category?: string | undefined;
  assigned?: 'me' | 'nobody' | undefined;
  visibility?: 'public' | 'private' | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  page: number;
}

export interface QueueItem extends QueueRow {
  /** Working days since it was routed, for a report still waiting. */
  age: number | null;
  overdue: boolean;
}

export interface StaffReportView {
  report: Report;
  recipients: Recipient[];
  timeline: ReportUpdate[];
  photos: Photo[];
  emails: SentEmail[];
  inbound: InboundRecord[];
  canHandle: boolean;
  age: number | null;
  overdue: boolean;
  targetDays: number;
  /** The report this one was closed as a duplicate of. */
  duplicateOf: string | null;
}

export interface StaffReportDeps {
  reports: Pick<ReportRepository, 'byRef' | 'byId'>;
  staffReports: Pick<
    StaffReportRepository,
    'queue' | 'countsByStatus' | 'emailsOf' | 'templatesFor' | 'assignable'
  >;
  routing: Pick<RoutingService, 'recipients' | 'recipientsOf'>;
  timeline: Pick<TimelineRepository, 'timeline'>;
  photos: Pick<PhotoService, 'ofReport'>;
  inbound: Pick<InboundRepository, 'list'>;
  reference: Pick<ReferenceService, 'categories' | 'category'>;
  clock: () => Date;
}

/** An unconfirmed report is no one's to see on a staff page unless a moderator holds it. */
const mayBeSeen = (report: Report) => report.status !== 'unconfirmed' || Boolean(report.heldAt);

/** What staff read: their queue, and everything about one report they may see. */
export class StaffReportService {
  constructor(private readonly deps: StaffReportDeps) {}

  /** A report the user may see, with its recipients; anything else is a plain 404. */
  async find(user: StaffUser, ref: string): Promise<{ report: Report; recipients: Recipient[] }> {
    const report = await this.deps.reports.byRef(ref);
    const recipients = report ? await this.recipientsIfSeen(user, report) : undefined;
    if (!report || !recipients) throw new NotFoundError();
    return { report, recipients };
  }

  /**
   * A report's recipients when `user` may open its staff page, else undefined: the one check of
   * find, for a report already read (an offer's matches list only those it lets through).
   */
  async recipientsIfSeen(user: StaffUser, report: Report): Promise<Recipient[] | undefined> {
    if (!mayBeSeen(report)) return undefined;
    const recipients = await this.deps.routing.recipients(report.id);
    return canSeeReport(user, accessFacts(report, recipients)) ? recipients : undefined;
  }

  /**
   * The same check for many reports already read, with one read of their recipients: the ids of
   * those `user` may open the staff page of (a list of them shows no other).
   */
  async seenAmong(user: StaffUser, reports: readonly Report[]): Promise<Set<number>> {
    const candidates = reports.filter(mayBeSeen);
    const recipients = await this.deps.routing.recipientsOf(candidates.map((report) => report.id));
    return new Set(
      candidates
        .filter((report) => canSeeReport(user, accessFacts(report, recipients.get(report.id) ?? [])))
        .map((report) => report.id),
    );
  }

  async queue(user: StaffUser, filters: QueueFilters) {
    const now = this.deps.clock();
    const categories = await this.deps.reference.categories();
    const statuses =
      filters.status === 'active'
        ? ACTIVE
        : filters.status === 'all'
          ? ACTIVE.concat(['resolved', 'closed'])
          : [filters.status];
    const scope = scopeFor(user);
    const parish = filters.parish && coversParish(user, filters.parish) ? filters.parish : undefined;
    const chosen = {
      scope,
      parish,
      category: filters.category,
      visibility: filters.visibility,
      assigned: filters.assigned === 'me' ? ({ to: user.id } as const) : filters.assigned,
      overdueBefore: filters.overdue ? overdueCutoffs(categories, now) : undefined,
      q: filters.q,
    };
    const filtering = Object.entries(chosen).some(([name, value]) => name !== 'scope' && value !== undefined);
    // The tabs count what each would list with these filters; the lead, what waits in the whole scope.
    const [{ rows, total }, counts, everything] = await Promise.all([
      this.deps.staffReports.queue({
        ...chosen,
        statuses,
        limit: QUEUE_PAGE,
        offset: (filters.page - 1) * QUEUE_PAGE,
      }),
      this.deps.staffReports.countsByStatus(chosen),
      filtering ? this.deps.staffReports.countsByStatus({ scope }) : undefined,
    ]);
    const target = new Map(categories.map((category) => [category.code, category.targetDays]));
    const items: QueueItem[] = rows.map((row) => {
      const age = row.routedAt && ACTIVE.includes(row.status) ? workingDaysBetween(row.routedAt, now) : null;
      return { ...row, age, overdue: age !== null && age > (target.get(row.categoryCode) ?? 10) };
    });
    const waiting = ACTIVE.reduce((sum, status) => sum + ((everything ?? counts)[status] ?? 0), 0);
    return { items, total, counts, waiting };
  }

  async detail(user: StaffUser, ref: string): Promise<StaffReportView> {
    const { report, recipients } = await this.find(user, ref);
    const [timeline, photos, emails, inbound, category, original] = await Promise.all([
      this.deps.timeline.timeline(report.id, { publicOnly: false }),
      this.deps.photos.ofReport(report.id),
      this.deps.staffReports.emailsOf(report.id),
      this.deps.inbound.list({ reportId: report.id, limit: 100 }),
      this.deps.reference.category(report.categoryCode),
      report.duplicateOf ? this.deps.reports.byId(report.duplicateOf) : undefined,
    ]);
    const targetDays = category?.targetDays ?? 10;
    const age =
      report.routedAt && ACTIVE.includes(report.status)
        ? workingDaysBetween(report.routedAt, this.deps.clock())
        : null;
    const facts = accessFacts(report, recipients);
    return {
      report,
      recipients,
      timeline,
      photos,
      emails,
      inbound,
      canHandle: canHandleReport(user, facts),
      age,
      overdue: age !== null && age > targetDays,
      targetDays,
      duplicateOf: original?.ref ?? null,
    };
  }

  templatesFor(categoryCode: string) {
    return this.deps.staffReports.templatesFor(categoryCode);
  }

  /**
   * Whom the report can be assigned to: the colleagues the assignment accepts (who handle reports,
   * answer for its parish and may see it: a private one only those it was routed to), no other.
   */
  async colleagues(
    user: StaffUser,
    report: Report,
    recipients: readonly Recipient[],
  ): Promise<{ id: number; name: string; you: boolean }[]> {
    const facts = accessFacts(report, recipients);
    const everyone = await this.deps.staffReports.assignable();
    return everyone
      .filter((person) => mayBeAssigned(person, facts))
      .map((person) => ({ id: person.id, name: person.name, you: person.id === user.id }));
  }
}
