import type { Knex } from 'knex';
import type { PendingPhoto, PhotoService } from '../photos/service.js';
import type { ReportLinks } from './links.js';
import type { Notifier, UpdateForMail } from './notifier.js';
import type { ReportRepository } from './repository.js';
import { ReportError } from './service.js';
import { canReporterReopen, canReporterResolve, canStaffMove } from './states.js';
import { textLanguage } from './text-language.js';
import type { CloseReason, Recipient, Report, Status } from './types.js';

export interface ReporterActionInput {
  kind: 'comment' | 'resolve' | 'reopen' | 'withdraw';
  text: string;
  photos: readonly PendingPhoto[];
}

/** A change made by one of a report's recipients, by email or by a one-click link. */
export interface RecipientUpdate {
  recipient: Recipient;
  channel: 'email' | 'link';
  toStatus?: Status | undefined;
  closeReason?: CloseReason | undefined;
  publicText?: string | undefined;
  internalNote?: string | undefined;
  photos?: readonly PendingPhoto[];
}

const AUTHOR_LABEL: Record<string, string> = {
  parish_admin: 'mail.author.parishAdmin',
  social_worker: 'mail.author.socialWorker',
  municipality: 'mail.author.municipality',
};
/**
 * Everything said about a report after it was routed: the reporter's comments, "fixed", "not
 * fixed" and withdrawal, and the recipients' answers by email or one-click link. Each becomes a
 * timeline row, and the other side hears of it.
 */
export class ReportUpdateService {
  private readonly clock: () => Date;

  constructor(
    private readonly deps: {
      knex: Knex;
      reports: ReportRepository;
      photos: PhotoService;
      links: ReportLinks;
      notifier: Notifier;
      clock?: () => Date;
    },
  ) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The reporter adds to their report: a comment (with photos), "fixed", "not fixed", or withdraw. */
  async reporterAction(ref: string, token: unknown, action: ReporterActionInput): Promise<Report> {
    const { knex, reports, links } = this.deps;
    const found = await reports.byRef(ref);
    if (!found || !links.isReporterToken(found.ref, token)) throw new ReportError('not_found');
    return knex.transaction((trx) => this.applyReporterAction(trx, found.id, action));
  }

  /**
   * The reporter's action inside the caller's transaction (an "is it fixed?" answer is recorded in
   * the same one): the report is locked, the action checked against its state, the timeline row
   * written and the parish and subscribers told. Throws `not_allowed` when the state forbids it.
   */
  async applyReporterAction(
    trx: Knex.Transaction,
    reportId: number,
    action: ReporterActionInput,
  ): Promise<Report> {
    const { reports, photos } = this.deps;
    const now = this.clock();
    const report = await reports.byId(reportId, trx, true);
    if (!report) throw new ReportError('not_found');
    if (report.withdrawnAt || report.status === 'unconfirmed') throw new ReportError('not_allowed');
    let toStatus = report.status;
    if (action.kind === 'resolve') {
      if (!canReporterResolve(report.status)) throw new ReportError('not_allowed');
      toStatus = 'resolved';
    } else if (action.kind === 'reopen') {
      if (!canReporterReopen(report.status)) throw new ReportError('not_allowed');
      toStatus = 'open';
    } else if (action.kind === 'withdraw') {
      toStatus = 'closed';
    }
    const changed = toStatus !== report.status;
    if (changed || action.kind === 'withdraw') {
      await reports.setStatus(
        trx,
        report.id,
        {
          status: toStatus,
          closeReason:
            action.kind === 'withdraw' ? 'withdrawn' : toStatus === 'closed' ? report.closeReason : null,
          ...(action.kind === 'withdraw' ? { withdrawnAt: now } : {}),
        },
        now,
      );
    }
    const updateId = await reports.addUpdate(
      trx,
      {
        reportId: report.id,
        authorKind: 'reporter',
        authorName: report.showName ? report.reporterName : null,
        channel: 'web',
        fromStatus: changed ? report.status : null,
        toStatus: changed ? toStatus : null,
        publicText: action.text || null,
        isPublic: action.kind !== 'withdraw',
        language: action.text ? textLanguage(action.text, report.language) : null,
      },
      now,
    );
    await photos.attach(trx, action.photos, report.id, updateId);
    const updated = {
      ...report,
      status: toStatus,
      ...(action.kind === 'withdraw' ? { withdrawnAt: now } : {}),
    };
    const mailUpdate: UpdateForMail = {
      authorLabelKey: 'mail.author.reporter',
      authorName: report.reporterName,
      fromStatus: changed ? report.status : null,
      toStatus: changed ? toStatus : null,
      text: action.text || null,
      language: action.text ? textLanguage(action.text, report.language) : null,
      photoKeys: action.photos.map((photo) => photo.storageKey),
    };
    // The parish is never left out: every word and every "fixed"/"not fixed" reaches it.
    await this.deps.notifier.relayToRecipients(
      trx,
      updated,
      await reports.recipients(report.id, trx),
      mailUpdate,
    );
    if (action.kind !== 'withdraw')
      await this.deps.notifier.publicUpdate(trx, updated, mailUpdate, { skipReporter: true });
    return updated;
  }

  /**
   * A recipient answered (by email or a one-click link): a timeline row, the status change when
   * it is a valid one, and the reporter and subscribers hear of anything public. Runs inside the
   * caller's transaction so the inbound message is recorded with what it did.
   */
  async recordRecipientUpdate(
    trx: Knex.Transaction,
    reportId: number,
    change: RecipientUpdate,
  ): Promise<{ updateId: number; report: Report; statusChanged: boolean }> {
    const { reports, photos } = this.deps;
    const now = this.clock();
    const report = await reports.byId(reportId, trx, true);
    if (!report) throw new ReportError('not_found');
    const wanted = change.toStatus;
    const statusChanged =
      wanted !== undefined && wanted !== report.status && canStaffMove(report.status, wanted);
    if (statusChanged) {
      await reports.setStatus(
        trx,
        report.id,
        { status: wanted, closeReason: wanted === 'closed' ? (change.closeReason ?? null) : null },
        now,
      );
    }
    const publicText = change.publicText?.trim() || null;
    const internalOnly = !statusChanged && !publicText && !!change.internalNote;
    // Staff write Latvian unless the text says otherwise.
    const language = publicText ? textLanguage(publicText, 'lv') : null;
    const updateId = await reports.addUpdate(
      trx,
      {
        reportId: report.id,
        authorKind: 'recipient',
        authorName: change.recipient.name,
        contactId: change.recipient.contactId,
        channel: change.channel,
        fromStatus: statusChanged ? report.status : null,
        toStatus: statusChanged ? wanted : null,
        publicText,
        internalNote: change.internalNote?.trim() || null,
        isPublic: !internalOnly,
        language,
      },
      now,
    );
    await photos.attach(trx, change.photos ?? [], report.id, updateId);
    const updated: Report = statusChanged
      ? { ...report, status: wanted, closeReason: wanted === 'closed' ? (change.closeReason ?? null) : null }
      : report;
    if (!internalOnly && (statusChanged || publicText || (change.photos?.length ?? 0) > 0)) {
      await this.deps.notifier.publicUpdate(trx, updated, {
        authorLabelKey: AUTHOR_LABEL[change.recipient.role] ?? 'mail.author.municipality',
        authorName: change.recipient.name,
        fromStatus: statusChanged ? report.status : null,
        toStatus: statusChanged ? wanted : null,
        text: publicText,
        language,
        photoKeys: (change.photos ?? []).map((photo) => photo.storageKey),
      });
    }
    return { updateId, report: updated, statusChanged };
  }
}
