import type { Knex } from 'knex';
import type { AuditAction, AuditValues } from '../../audit/fields.js';
import type { AuditRepository } from '../../audit/repository.js';
import type { PhotoService } from '../../photos/service.js';
import type { ReferenceService } from '../../reference/service.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { Recipient, Report } from '../../reports/types.js';
import type { RoutingService } from '../../routing/service.js';
import { accessFacts, canHandleReport } from '../../staff/access.js';
import type { StaffUser } from '../../staff/types.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { AppError, NotFoundError } from '../../web/errors.js';
import { helpRequestExport, type HelpRequestExport } from './export.js';
import type { HelpRequestNotices } from './notices.js';
import type { HelpRequestRecord, HelpRequestRepository } from './repository.js';
import type { HelpDetailsInput } from './schema.js';
import type { RawMailStore } from '../../inbound/raw-store.js';
import type { MatchDisclosures } from '../matching/disclosures.js';

/** A report that cannot become a request: a public one, or one that already is. */
export class NotConvertibleError extends AppError {
  constructor(reason: 'public' | 'already') {
    super(409, `help_${reason}`, `helpRequest.staff.refused.${reason}`);
  }
}

export interface StaffHelpDeps {
  knex: Knex;
  reports: Pick<ReportRepository, 'byRef' | 'byId'>;
  requests: Pick<HelpRequestRepository, 'insert' | 'byReportId' | 'lock' | 'markTold' | 'erase'>;
  routing: Pick<RoutingService, 'recipients'>;
  timeline: Pick<TimelineRepository, 'timeline'>;
  photos: Pick<PhotoService, 'ofReport' | 'removeStored'>;
  /** The raw inbound mail files (erasing a request deletes those about it). */
  rawMail: Pick<RawMailStore, 'delete'>;
  reference: Pick<ReferenceService, 'category' | 'parish'>;
  notices: Pick<HelpRequestNotices, 'subject'>;
  audit: Pick<AuditRepository, 'append'>;
  /** The request's matches as its export gives them. */
  disclosures: Pick<MatchDisclosures, 'ofRequest'>;
  clock: () => Date;
}

type Found = { report: Report; recipients: Recipient[] };

/**
 * What the social worker (or an admin) does with requests in the workspace: make a private
 * report a request, record that the person it is for was told by phone, and hand over or erase a
 * person's data on their request. Anything outside the user's scope is "not found".
 */
export class StaffHelpRequestService {
  constructor(private readonly deps: StaffHelpDeps) {}

  /** A report the user may work on, with its recipients; anything else is a plain 404. */
  async find(user: StaffUser, ref: string): Promise<Found> {
    const report = await this.deps.reports.byRef(ref);
    if (!report || report.status === 'unconfirmed') throw new NotFoundError();
    const recipients = await this.deps.routing.recipients(report.id);
    if (!canHandleReport(user, accessFacts(report, recipients))) throw new NotFoundError();
    return { report, recipients };
  }

  /** A request the user may work on, with its details; a report that is no request is a 404. */
  async request(user: StaffUser, ref: string): Promise<Found & { details: HelpRequestRecord }> {
    const found = await this.find(user, ref);
    const details = await this.deps.requests.byReportId(found.report.id);
    if (!details) throw new NotFoundError();
    return { ...found, details };
  }

  /** A private report that may become a request; refused (409) when public or already one. */
  async convertible(user: StaffUser, ref: string): Promise<Report> {
    const { report } = await this.find(user, ref);
    if (!report.isPrivate) throw new NotConvertibleError('public');
    if (await this.deps.requests.byReportId(report.id)) throw new NotConvertibleError('already');
    return report;
  }

  /** Makes a private report a request; the person it is for is told by email when one was given. */
  async convert(user: StaffUser, ref: string, details: HelpDetailsInput, ip: string): Promise<Report> {
    const { report, recipients } = await this.find(user, ref);
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      const current = (await this.deps.reports.byId(report.id, trx, true))!;
      if (!current.isPrivate) throw new NotConvertibleError('public');
      if (await this.deps.requests.lock(trx, report.id)) throw new NotConvertibleError('already');
      await this.deps.requests.insert(trx, report.id, details, now);
      const told = await this.deps.notices.subject(trx, current, details, recipients);
      if (told) await this.deps.requests.markTold(trx, report.id, now);
      await this.audit(trx, user, 'help.request.create', current, ip, now, {
        forWhom: details.forWhom,
        wants: details.wants,
        kinds: details.kinds,
        subjectToldByEmail: told,
      });
      return current;
    });
  }

  /** The person a request is for was told of it by phone (or in person): recorded once. */
  async recordTold(user: StaffUser, ref: string, ip: string): Promise<void> {
    const { report, details } = await this.request(user, ref);
    if (details.forWhom !== 'other') throw new NotFoundError();
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.requests.markTold(trx, report.id, now))) return;
      await this.audit(trx, user, 'help.request.told', report, ip, now, { via: 'phone' });
    });
  }

  /** Everything the request holds of the person, for handing over; the audit log keeps who took it. */
  async exportData(
    user: StaffUser,
    ref: string,
    format: 'json' | 'csv',
    ip: string,
  ): Promise<HelpRequestExport> {
    const { report, details } = await this.request(user, ref);
    const now = this.deps.clock();
    const [timeline, photos, category, parish, matches] = await Promise.all([
      this.deps.timeline.timeline(report.id, { publicOnly: true }),
      this.deps.photos.ofReport(report.id),
      this.deps.reference.category(report.categoryCode),
      this.deps.reference.parish(report.parishCode),
      this.deps.disclosures.ofRequest(report.id),
    ]);
    await this.deps.knex.transaction((trx) =>
      this.audit(trx, user, 'help.request.export', report, ip, now, { format }),
    );
    return helpRequestExport({
      report,
      details,
      timeline,
      photos: photos.length,
      matches,
      names: {
        category: category?.names[report.language] ?? report.categoryCode,
        parish: parish?.names[report.language] ?? report.parishCode,
      },
      now,
    });
  }

  /**
   * Erases the person of a request (names, contacts, words, place, photos); the statistics stay.
   * Erasing again changes nothing. Photo files go once the database change has committed.
   */
  async erase(user: StaffUser, ref: string, ip: string): Promise<void> {
    const { report, details } = await this.request(user, ref);
    if (details.erasedAt) return;
    const now = this.deps.clock();
    const erased = await this.deps.knex.transaction(async (trx) => {
      const locked = await this.deps.requests.lock(trx, report.id);
      if (!locked || locked.erasedAt) return { photos: [], rawMail: [] };
      const keys = await this.deps.requests.erase(trx, report.id, now);
      await this.audit(trx, user, 'help.request.erase', report, ip, now, {
        photos: keys.photos.length,
        mail: keys.rawMail.length,
        status: report.status,
      });
      return keys;
    });
    await this.deps.photos.removeStored(erased.photos);
    for (const key of erased.rawMail) await this.deps.rawMail.delete(key);
  }

  /** An audit row: codes and counts only, never the person's words or contacts. */
  private audit<A extends object>(
    trx: Knex.Transaction,
    user: StaffUser,
    action: AuditAction,
    report: Report,
    ip: string,
    now: Date,
    after: AuditValues<A>,
  ) {
    return this.deps.audit.append(
      trx,
      { staffId: user.id, action, objectType: 'report', objectId: report.ref, after, ip },
      now,
    );
  }
}
