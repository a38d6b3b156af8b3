import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { Language } from '../../i18n/index.js';
import type { Notifier } from '../../notifications/notifier.js';
import type { ReferenceService } from '../../reference/service.js';
import { heldReasonText } from '../../reports/held-reason.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { Recipient, Report } from '../../reports/types.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { sameContact, sameName } from './contacts.js';
import type { HelpRequestNotices } from './notices.js';
import {
  SUBMISSION_KEY_INDEX,
  type HelpRequestRecord,
  type HelpRequestRepository,
  type RecentRequest,
} from './repository.js';
import type { HelpDetailsInput } from './schema.js';
import type { HelpTitles } from './title.js';
import { resendSince, waitForResend } from '../../web/resend.js';

export interface NewHelpRequest {
  categoryCode: string;
  parishCode: string;
  description: string;
  location: string;
  /** The one who asked: the report's reporter. */
  name: string;
  email: string | null;
  phone: string | null;
  /** The language they asked in: every email about it comes in it. */
  language: Language;
  details: HelpDetailsInput;
  /** The form's submission key: the same form sent twice makes one request. */
  submissionKey?: string | undefined;
}

/** Why a request could not be made (`helpRequest.errors.<code>`). */
export class HelpRequestError extends Error {
  constructor(readonly code: 'categoryRequired' | 'parishRequired') {
    super(code);
    this.name = 'HelpRequestError';
  }
}

export interface HelpRequestDeps {
  knex: Knex;
  reports: Pick<ReportRepository, 'insert' | 'setStatus' | 'senderBan' | 'hold' | 'byId'>;
  requests: Pick<
    HelpRequestRepository,
    'insert' | 'byReportId' | 'markTold' | 'reportIdBySubmissionKey' | 'recentWithWords'
  >;
  timeline: Pick<TimelineRepository, 'addUpdate'>;
  routing: Pick<RoutingService, 'route'>;
  notifier: Pick<Notifier, 'newReport'>;
  reference: Pick<ReferenceService, 'category' | 'parish'>;
  notices: Pick<HelpRequestNotices, 'received' | 'subject'>;
  helpTitles: Pick<HelpTitles, 'make'>;
  clock: () => Date;
}

/** Whether an earlier request (of the same parish and words) is this form as it was sent before. */
function sameForm(
  earlier: RecentRequest,
  input: Pick<NewHelpRequest, 'email' | 'phone' | 'details'>,
): boolean {
  const { details } = input;
  if (earlier.forWhom !== details.forWhom) return false;
  if (!sameContact(earlier.asker, { email: input.email, phone: input.phone })) return false;
  if (details.forWhom === 'self') return true;
  return (
    sameName(earlier.subject.name, details.subjectName) &&
    sameContact(earlier.subject, { email: details.subjectEmail, phone: details.subjectPhone })
  );
}

/**
 * A request for help is a private report with the help details beside it. It needs no emailed
 * confirmation (the person may have only a phone): it is created open and routed at once, in one
 * transaction, to whom the routing rules of its category choose (the parish's social worker).
 */
export class HelpRequestService {
  constructor(private readonly deps: HelpRequestDeps) {}

  /**
   * Makes the request, routes it and writes its emails, all or nothing. A form sent twice at the
   * same moment with one submission key makes one request: the second waits for the first's row,
   * and answers the request it made (`created` false), having written and sent nothing. So does
   * the same request sent again with a new key (`resendOf`), even at the same moment.
   */
  async create(
    input: NewHelpRequest,
  ): Promise<{ report: Report; recipients: Recipient[]; created: boolean }> {
    const { reference } = this.deps;
    const category = await reference.category(input.categoryCode);
    if (!category?.active || category.kind !== 'help') throw new HelpRequestError('categoryRequired');
    if (!(await reference.parish(input.parishCode))) throw new HelpRequestError('parishRequired');
    try {
      return await this.make(input);
    } catch (error) {
      const key = input.submissionKey;
      const first =
        key && isUniqueViolation(error, SUBMISSION_KEY_INDEX) && (await this.bySubmissionKey(key));
      if (!first) throw error;
      return { report: first, recipients: [], created: false };
    }
  }

  /**
   * The request this one repeats, if it is the same form sent again (after going back to it): the
   * same parish, words and "for whom", the asker's contacts the same, and for someone else the same
   * person, made in the last 30 minutes and neither withdrawn nor erased. Anything less is a new
   * request with its own emails: the same words and phone for a neighbour are one more request,
   * and the neighbour is owed the notice of it (GDPR art. 14).
   */
  async resendOf(
    input: Pick<NewHelpRequest, 'parishCode' | 'description' | 'email' | 'phone' | 'details'>,
    db: Queryable = this.deps.knex,
  ): Promise<Report | undefined> {
    const since = resendSince(this.deps.clock());
    const recent = await this.deps.requests.recentWithWords(db, { ...input, since });
    const same = recent.find((earlier) => sameForm(earlier, input));
    return same ? this.deps.reports.byId(same.reportId, db) : undefined;
  }

  /** The request (its report) a form with this submission key made, if one did. */
  async bySubmissionKey(key: string): Promise<Report | undefined> {
    const reportId = await this.deps.requests.reportIdBySubmissionKey(key);
    return reportId === undefined ? undefined : this.deps.reports.byId(reportId);
  }

  private make(
    input: NewHelpRequest,
  ): Promise<{ report: Report; recipients: Recipient[]; created: boolean }> {
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      // Two sends of the same words to one parish wait here for each other, so a resend arriving
      // with the first (or twice at once) finds the request the other made instead of a second.
      await waitForResend(trx, 'helpRequest', `${input.parishCode}\n${input.description}`);
      const first = await this.resendOf(input, trx);
      if (first) return { report: first, recipients: [], created: false };
      const inserted = await this.deps.reports.insert(
        trx,
        {
          categoryCode: input.categoryCode,
          parishCode: input.parishCode,
          // Always private, whatever an admin has made of the category since.
          isPrivate: true,
          // Tilts's words, in Latvian as staff read them; the asker reads them in their own language.
          title: this.deps.helpTitles.make(input.details, 'lv'),
          titleByTilts: true,
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
        },
        now,
      );
      await this.deps.requests.insert(trx, inserted.id, input.details, now, input.submissionKey ?? null);
      const ban = input.email ? await this.deps.reports.senderBan(input.email, trx) : undefined;
      // A banned sender's request is kept for staff, never routed; nobody else is emailed about it.
      const routed = ban ? {} : { routedAt: now };
      await this.deps.reports.setStatus(
        trx,
        inserted.id,
        { status: 'open', confirmedAt: now, ...routed },
        now,
      );
      await this.deps.timeline.addUpdate(
        trx,
        {
          reportId: inserted.id,
          authorKind: 'reporter',
          authorName: input.name,
          channel: 'web',
          fromStatus: 'unconfirmed',
          toStatus: 'open',
          isPublic: true,
        },
        now,
      );
      const report: Report = { ...inserted, status: 'open', confirmedAt: now, routedAt: ban ? null : now };
      if (ban) {
        await this.deps.reports.hold(trx, report.id, heldReasonText({ code: 'ban', ban }), now);
        await this.deps.notices.received(trx, report, input.details, []);
        return { report: { ...report, heldAt: now }, recipients: [], created: true };
      }
      const recipients = await this.deps.routing.route(trx, report);
      await this.tell(trx, report, input.details, recipients, now);
      return { report, recipients, created: true };
    });
  }

  /**
   * A routed request's emails: its recipients (the reports' own email), the one who asked, and
   * the person it is for when someone else asked and gave their address.
   */
  async tell(
    trx: Queryable,
    report: Report,
    details: HelpDetailsInput,
    recipients: Recipient[],
    now: Date,
  ): Promise<void> {
    await this.deps.notices.received(trx, report, details, recipients);
    // The person is told first, so the social worker's email can say they were.
    if (await this.deps.notices.subject(trx, report, details, recipients))
      await this.deps.requests.markTold(trx, report.id, now);
    await this.deps.notifier.newReport(trx, report, recipients, []);
  }

  /** The help details of a report, when it is a request (for the staff page and matching). */
  detailsFor(reportId: number): Promise<HelpRequestRecord | undefined> {
    return this.deps.requests.byReportId(reportId);
  }
}
