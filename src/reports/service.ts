import type { Knex } from 'knex';
import type { AlertHooks } from '../alerts/hooks.js';
import type { Queryable } from '../db/transaction.js';
import type { MailQueue } from '../mail/outbox.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PhotoService } from '../photos/service.js';
import type { PendingPhoto } from '../photos/types.js';
import type { ReferenceService } from '../reference/service.js';
import { privateReaders } from './private-readers.js';
import type { RoutingService } from '../routing/service.js';
import type { Signer } from '../security/signing.js';
import type { TimelineRepository } from '../timeline/repository.js';
import { ReportError } from './errors.js';
import type { ReportLinks } from './links.js';
import { askReporterToConfirm } from './confirm-email.js';
import { reportRow, type NewReportInput } from './new-report.js';
import { waitForSameWords } from './resend.js';
import { heldReasonText } from './held-reason.js';
import { tellReporterPublished, type Unproven } from './published-email.js';
import type { ReportRepository, SenderBan } from './repository.js';
import { canConfirm } from './states.js';
import type { Lookup, Recipient, Report, Viewed } from './types.js';
import { hiddenByModerator, isPublic, withdrawnBySender } from './visibility.js';
import { resendSince } from '../web/resend.js';

export type { NewReportInput } from './new-report.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const CONFIRM_VALID_MS = 7 * DAY_MS;
export const UNCONFIRMED_KEPT_MS = 14 * DAY_MS;

/** What a confirmation link did, or (before its button is pressed) would do. */
type LinkSeen = { outcome: 'already'; report: Report } | { outcome: 'expired' | 'invalid' | 'withdrawn' };
export type ConfirmResult = { outcome: 'confirmed'; report: Report } | LinkSeen;
/** A link read without acting: `pending` is one whose button would confirm its report. */
export type ConfirmCheck = { outcome: 'pending'; report: Report } | LinkSeen;

export interface ReportServiceDeps {
  knex: Knex;
  reports: Pick<
    ReportRepository,
    | 'insert'
    | 'byId'
    | 'byRef'
    | 'page'
    | 'setStatus'
    | 'staleUnconfirmed'
    | 'deleteReports'
    | 'senderBan'
    | 'hold'
    | 'sameWebForm'
  >;
  timeline: Pick<TimelineRepository, 'addUpdate' | 'timeline'>;
  photos: Pick<PhotoService, 'attach' | 'ofReport' | 'reportKeys' | 'keysOfReports' | 'removeStored'>;
  routing: Pick<RoutingService, 'route' | 'recipients'>;
  notifier: Pick<Notifier, 'view' | 'newReport'>;
  /** Email alerts of the report's place and category hear of it once it is public. */
  alerts?: Pick<AlertHooks, 'reportPublished'>;
  reference: Pick<ReferenceService, 'category'>;
  mail: MailQueue;
  signer: Pick<Signer, 'expiring' | 'readExpiring'>;
  links: ReportLinks;
  clock?: () => Date;
}

/** The report itself: filed, confirmed by its emailed link (and so routed), seen, and purged. */
export class ReportService {
  private readonly clock: () => Date;

  constructor(private readonly deps: ReportServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Saves a new report as unconfirmed and queues the email whose link confirms it. `alongside`
   * writes in the same transaction (an Open311 client's token for it), so both or neither are kept.
   */
  async create(
    input: NewReportInput,
    photos: readonly PendingPhoto[],
    alongside?: (trx: Queryable, report: Report) => Promise<void>,
  ): Promise<Report> {
    return (await this.file(input, photos, false, alongside)).report;
  }

  /**
   * A report from the web form: as `create`, unless the same form, with no photo of its own, was
   * sent in the last half hour (the resident went back to it and sent it again, or clicked twice):
   * then the report that made, and nothing written or sent again (`created` false). Two such
   * sends at once wait here for each other. New photos make it a new report, as they were chosen.
   */
  async createFromForm(
    input: NewReportInput,
    photos: readonly PendingPhoto[],
  ): Promise<{ report: Report; created: boolean }> {
    return this.file(input, photos, photos.length === 0);
  }

  /** The same form sent again: the report it made, if it made one in the last half hour. */
  async resendOf(input: NewReportInput, db: Queryable = this.deps.knex): Promise<Report | undefined> {
    const category = await this.deps.reference.category(input.categoryCode);
    const row = reportRow(input, { isPrivate: category?.visibility === 'private', confirmExpiresAt: null });
    return this.deps.reports.sameWebForm(db, row, resendSince(this.clock()));
  }

  private async file(
    input: NewReportInput,
    photos: readonly PendingPhoto[],
    once: boolean,
    alongside?: (trx: Queryable, report: Report) => Promise<void>,
  ): Promise<{ report: Report; created: boolean }> {
    const { knex, reports, reference, timeline } = this.deps;
    const category = await reference.category(input.categoryCode);
    if (!category) throw new ReportError('not_found');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + CONFIRM_VALID_MS);
    return knex.transaction(async (trx) => {
      if (once) {
        await waitForSameWords(trx, input);
        const first = await this.resendOf(input, trx);
        if (first) return { report: first, created: false };
      }
      const report = await reports.insert(
        trx,
        reportRow(input, { isPrivate: category.visibility === 'private', confirmExpiresAt: expiresAt }),
        now,
      );
      await this.deps.photos.attach(trx, photos, report.id, null);
      await timeline.addUpdate(
        trx,
        {
          reportId: report.id,
          authorKind: 'reporter',
          authorName: input.name,
          channel: 'web',
          toStatus: 'unconfirmed',
          isPublic: false,
        },
        now,
      );
      await askReporterToConfirm(this.deps, trx, report, expiresAt);
      await alongside?.(trx, report);
      return { report, created: true };
    });
  }

  /**
   * What the emailed confirmation link would do, changing nothing: its page shows a button only
   * when pressing it would confirm the report (mail scanners open links; only the POST acts).
   */
  checkConfirm(token: string): Promise<ConfirmCheck> {
    return this.readConfirmLink(token, this.clock());
  }

  private async readConfirmLink(token: string, now: Date, trx?: Queryable): Promise<ConfirmCheck> {
    const read = this.deps.signer.readExpiring('confirm-report', token, now);
    const id = Number(read.subject);
    if (!read.subject || !Number.isInteger(id)) return { outcome: 'invalid' };
    const report = await this.deps.reports.byId(id, trx, trx !== undefined);
    if (!report) return { outcome: 'invalid' };
    if (report.withdrawnAt) return { outcome: 'withdrawn' };
    if (!canConfirm(report.status)) return { outcome: 'already', report };
    return read.ok ? { outcome: 'pending', report } : { outcome: read.reason };
  }

  /**
   * Confirms a report by its emailed token: it becomes open, is routed, and its recipients are
   * emailed, all in one transaction; a banned sender's is held instead. Confirming again changes
   * nothing.
   */
  async confirm(token: string): Promise<ConfirmResult> {
    const { knex, reports } = this.deps;
    const now = this.clock();
    return knex.transaction(async (trx) => {
      const link = await this.readConfirmLink(token, now, trx);
      if (link.outcome !== 'pending') return link;
      const { report } = link;
      const ban = report.reporterEmail ? await reports.senderBan(report.reporterEmail, trx) : undefined;
      // A held report is confirmed but never routed: `routed_at` stays empty.
      const routed = ban ? {} : { routedAt: now };
      await reports.setStatus(trx, report.id, { status: 'open', confirmedAt: now, ...routed }, now);
      await this.deps.timeline.addUpdate(
        trx,
        {
          reportId: report.id,
          authorKind: 'reporter',
          authorName: report.reporterName,
          channel: 'web',
          fromStatus: 'unconfirmed',
          toStatus: 'open',
          isPublic: true,
        },
        now,
      );
      if (ban) return { outcome: 'confirmed', report: await this.hold(trx, report, ban, now) } as const;
      const confirmed = { ...report, status: 'open' as const, confirmedAt: now, routedAt: now };
      const recipients = await this.deps.routing.route(trx, confirmed);
      await this.notifyRouted(trx, confirmed, recipients);
      return { outcome: 'confirmed', report: confirmed } as const;
    });
  }

  /**
   * A banned sender's report, confirmed: its reporter gets the usual thanks (nothing tells them of
   * the ban), but it is held: never routed, published, or sent to staff by email.
   */
  private async hold(trx: Queryable, report: Report, ban: SenderBan, now: Date): Promise<Report> {
    const reason = heldReasonText({ code: 'ban', ban });
    await this.deps.reports.hold(trx, report.id, reason, now);
    const held = { ...report, status: 'open' as const, confirmedAt: now, heldAt: now, heldReason: reason };
    await tellReporterPublished(this.deps, trx, held, []);
    return held;
  }

  /**
   * A routed report's emails: to each recipient, and to the reporter (if they gave an address;
   * `unproven`: see published-email.ts).
   */
  async notifyRouted(
    trx: Queryable,
    report: Report,
    recipients: Recipient[],
    unproven?: Unproven,
  ): Promise<void> {
    const { notifier, photos } = this.deps;
    await notifier.newReport(trx, report, recipients, await photos.reportKeys(trx, report.id));
    await tellReporterPublished(this.deps, trx, report, recipients, unproven);
    await this.deps.alerts?.reportPublished(trx, report);
  }

  /**
   * A report as a visitor may see it: public ones to anyone; private, unconfirmed or withdrawn
   * ones only with the reporter's token. Anything else is "not found", never "forbidden", so the
   * existence of a private report is not revealed.
   */
  async view(ref: string, token?: unknown): Promise<Viewed | undefined> {
    const found = await this.lookup(ref, token);
    return found?.kind === 'shown' ? found : undefined;
  }

  /**
   * As `view`, but a report a moderator hid from the public is not "not found": its page says it
   * was hidden and when (never why, and nothing of what it said). Its reporter still sees it.
   */
  async lookup(ref: string, token?: unknown): Promise<Lookup | undefined> {
    // One query reads all a page may show; what this visitor may see of it is decided here.
    const page = await this.deps.reports.page(ref);
    if (!page) return undefined;
    const { report, timeline, photos } = page;
    const asReporter = token !== undefined && this.deps.links.isReporterToken(report.ref, token);
    // An erased person's link (a signed token, never taken back) shows only that they were erased.
    if (report.erasedAt) return asReporter ? { kind: 'erased', erasedAt: report.erasedAt } : undefined;
    if (!isPublic(report) && !asReporter) {
      if (hiddenByModerator(report)) return { kind: 'hidden', hiddenAt: report.hiddenAt };
      if (withdrawnBySender(report)) return { kind: 'withdrawn', withdrawnAt: report.withdrawnAt };
      return undefined;
    }
    const duplicateOf = page.duplicateOf && isPublic(page.duplicateOf) ? page.duplicateOf.ref : null;
    const shown = { kind: 'shown', report, asReporter, timeline, photos, duplicateOf } as const;
    // Its reporter is told who reads a private report: its recipients say (one more query, theirs alone).
    if (!asReporter || !report.isPrivate) return shown;
    return { ...shown, privateReaders: privateReaders(await this.deps.routing.recipients(report.id)) };
  }

  /**
   * Whether anyone may see this stored photo of a report: the report is public, and the photo is
   * the report's own or belongs to a public update of it, and neither it nor its update is hidden.
   */
  async isPublicPhoto(reportId: number, key: string): Promise<boolean> {
    const report = await this.deps.reports.byId(reportId);
    if (!report || !isPublic(report)) return false;
    const [own, timeline] = await Promise.all([
      this.deps.photos.ofReport(reportId),
      this.deps.timeline.timeline(reportId, { publicOnly: true }),
    ]);
    const shown = [
      ...own.filter((photo) => photo.updateId === null),
      ...timeline.filter((update) => !update.hiddenAt).flatMap((update) => update.photos),
    ];
    return shown.some((photo) => photo.storageKey === key && !photo.hiddenAt);
  }

  /** Deletes reports nobody confirmed within 14 days, with their photos. */
  async purgeUnconfirmed(): Promise<number> {
    const { reports, photos } = this.deps;
    const cutoff = new Date(this.clock().getTime() - UNCONFIRMED_KEPT_MS);
    let purged = 0;
    for (;;) {
      const ids = await reports.staleUnconfirmed(cutoff, 100);
      if (ids.length === 0) return purged;
      const keys = await photos.keysOfReports(ids);
      await reports.deleteReports(ids);
      await photos.removeStored(keys);
      purged += ids.length;
    }
  }
}
