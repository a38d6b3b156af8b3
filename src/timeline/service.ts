import type { Knex } from 'knex';
import { officeRole } from '../contacts/office-role.js';
import type { Language } from '../i18n/index.js';
import type { Notifier, UpdateForMail } from '../notifications/notifier.js';
import type { PhotoService } from '../photos/service.js';
import type { PendingPhoto } from '../photos/types.js';
import { ReportError } from '../reports/errors.js';
import { checkPublicAnswer, publishedAnswer } from '../reports/public-answer.js';
import type { ReportLinks } from '../reports/links.js';
import type { ReportRepository } from '../reports/repository.js';
import { canReporterReopen, canReporterResolve, canStaffMove } from '../reports/states.js';
import { textLanguage } from '../reports/text-language.js';
import type { CloseReason, Recipient, Report, Status } from '../reports/types.js';
import type { RoutingRepository } from '../routing/repository.js';
import type { SubscriptionRepository } from '../subscriptions/repository.js';
import { isPublic } from '../reports/visibility.js';
import type { TimelineRepository } from './repository.js';
import { linkDuplicate } from './duplicate-link.js';

export interface ReporterActionInput {
  kind: 'comment' | 'resolve' | 'reopen' | 'withdraw';
  text: string;
  photos: readonly PendingPhoto[];
}

/**
 * A change made by one who handles the report: a recipient by email or one-click link, or staff
 * in the workspace (the same path, so a status change is the same whichever way it comes).
 */
export interface RecipientUpdate {
  recipient: Recipient;
  channel: 'email' | 'link' | 'web' | 'phone';
  toStatus?: Status | undefined;
  closeReason?: CloseReason | undefined;
  /** Closing as a duplicate of this report (a ref): the two are linked, followers move over. */
  duplicateOfRef?: string | undefined;
  publicText?: string | undefined;
  /**
   * Where the public words come from. Typed (the default: the workspace's answer, a held reply as
   * staff edited it, a one-click link's comment), they are published as typed, so a sign-off or a
   * contact in them is refused here, whatever the path. `maskedReply`: a reply by email, whose
   * sign-off the mail path cut and whose contacts it masked (src/inbound/replies.ts); refusing one
   * would lose a proven reply, so it is published as masked (a hidden reporter's given name too).
   */
  publicTextFrom?: 'typed' | 'maskedReply';
  internalNote?: string | undefined;
  photos?: readonly PendingPhoto[];
  /**
   * Photos of the internal note, for staff alone (a parish's reply by email marked internal): kept
   * with an update nobody else sees, so they never make it public nor go into any email, and are
   * served only by signed link (as every photo of a non-public update). Only with nothing public.
   */
  notePhotos?: readonly PendingPhoto[];
  /** The staff member writing in the workspace (kept with the update). */
  staffId?: number | undefined;
  /** Their name: alone under typed public words it is a signature, refused as any other. */
  signerName?: string | undefined;
}

export interface ReportUpdateDeps {
  knex: Knex;
  reports: Pick<ReportRepository, 'byId' | 'byRef' | 'setStatus' | 'markDuplicate'>;
  subscriptions: Pick<SubscriptionRepository, 'moveAll'>;
  timeline: Pick<TimelineRepository, 'addUpdate'>;
  recipients: Pick<RoutingRepository, 'recipients'>;
  photos: Pick<PhotoService, 'attach'>;
  links: Pick<ReportLinks, 'isReporterToken'>;
  notifier: Pick<Notifier, 'relayToRecipients' | 'publicUpdate' | 'withdrawn'>;
  clock?: () => Date;
}

const AUTHOR_LABEL: Record<string, string> = {
  parish_admin: 'mail.author.parishAdmin',
  town_admin: 'mail.author.townAdmin',
  social_worker: 'mail.author.socialWorker',
  municipality: 'mail.author.municipality',
};

/** A recipient's words as the reporter and subscribers read them (the status change is added). */
function recipientMail(
  change: RecipientUpdate,
  text: string | null,
  language: Language | null,
): Omit<UpdateForMail, 'fromStatus' | 'toStatus'> {
  return {
    authorLabelKey:
      AUTHOR_LABEL[officeRole(change.recipient.role, change.recipient.parishType)] ??
      'mail.author.municipality',
    authorName: change.recipient.name,
    text,
    language,
    photoKeys: (change.photos ?? []).map((photo) => photo.storageKey),
    fromStaff: true,
  };
}

/** Where the reporter's action takes the report; throws `not_allowed` when its state forbids it. */
function reporterTarget(report: Report, kind: ReporterActionInput['kind']): Status {
  if (report.withdrawnAt || report.status === 'unconfirmed') throw new ReportError('not_allowed');
  if (kind === 'resolve') {
    if (!canReporterResolve(report.status)) throw new ReportError('not_allowed');
    return 'resolved';
  }
  if (kind === 'reopen') {
    if (!canReporterReopen(report.status)) throw new ReportError('not_allowed');
    return 'open';
  }
  return kind === 'withdraw' ? 'closed' : report.status;
}

/**
 * Everything said about a report after it was routed: the reporter's comments, "fixed", "not
 * fixed" and withdrawal, and the recipients' answers by email or one-click link. Each becomes a
 * timeline row, and the other side hears of it.
 */
export class ReportUpdateService {
  private readonly clock: () => Date;

  constructor(private readonly deps: ReportUpdateDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The reporter adds to their report: a comment (with photos), "fixed", "not fixed", or withdraw. */
  async reporterAction(ref: string, token: unknown, action: ReporterActionInput): Promise<Report> {
    const { knex, reports, links } = this.deps;
    const found = await reports.byRef(ref);
    if (!found || found.erasedAt || !links.isReporterToken(found.ref, token))
      throw new ReportError('not_found');
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
    // Erased meanwhile: nothing more is taken from the link the person had.
    if (!report || report.erasedAt) throw new ReportError('not_found');
    const toStatus = reporterTarget(report, action.kind);
    const changed = toStatus !== report.status;
    const withdraw = action.kind === 'withdraw';
    if (changed || withdraw) {
      const closeReason = withdraw ? 'withdrawn' : toStatus === 'closed' ? report.closeReason : null;
      const changes = { status: toStatus, closeReason, ...(withdraw ? { withdrawnAt: now } : {}) };
      await reports.setStatus(trx, report.id, changes, now);
    }
    const language = action.text ? textLanguage(action.text, report.language) : null;
    const updateId = await this.deps.timeline.addUpdate(
      trx,
      {
        reportId: report.id,
        authorKind: 'reporter',
        authorName: report.showName ? report.reporterName : null,
        channel: 'web',
        fromStatus: changed ? report.status : null,
        toStatus: changed ? toStatus : null,
        publicText: action.text || null,
        isPublic: !withdraw,
        language,
      },
      now,
    );
    await photos.attach(trx, action.photos, report.id, updateId);
    // Withdrawn, the report reads as closed with its reason (the parish's email says "withdrawn").
    const updated = {
      ...report,
      status: toStatus,
      ...(withdraw ? { withdrawnAt: now, closeReason: 'withdrawn' as const } : {}),
    };
    await this.tellOfReporterAction(trx, report, updated, action);
    return updated;
  }

  /** The parish is never left out: every word and every "fixed"/"not fixed" reaches it. */
  private async tellOfReporterAction(
    trx: Knex.Transaction,
    before: Report,
    updated: Report,
    action: ReporterActionInput,
  ): Promise<void> {
    const { notifier } = this.deps;
    const changed = updated.status !== before.status;
    const mailUpdate: UpdateForMail = {
      authorLabelKey: 'mail.author.reporter',
      authorName: before.reporterName,
      fromStatus: changed ? before.status : null,
      toStatus: changed ? updated.status : null,
      text: action.text || null,
      language: action.text ? textLanguage(action.text, before.language) : null,
      photoKeys: action.photos.map((photo) => photo.storageKey),
    };
    const recipients = await this.deps.recipients.recipients(before.id, trx);
    await notifier.relayToRecipients(trx, updated, recipients, mailUpdate);
    // Followers read the name only where the page shows it: when the reporter chose to show it.
    const publicName = before.showName ? before.reporterName : null;
    // Followers hear of a withdrawal only of a report they could read: not one a moderator hid.
    if (action.kind === 'withdraw') {
      if (isPublic(before)) await notifier.withdrawn(trx, updated);
    } else
      await notifier.publicUpdate(
        trx,
        updated,
        { ...mailUpdate, authorName: publicName },
        { skipReporter: true },
      );
  }

  /**
   * A recipient answered (by email or a one-click link): a timeline row, the status change when
   * it is a valid one, and the reporter and subscribers hear of anything public. Runs inside the
   * caller's transaction so the inbound message is recorded with what it did. Throws a
   * PublicAnswerProblem, having written nothing, for typed public words with a sign-off or a contact.
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
    // Every public answer passes here before it is written: read from the locked row, so a report
    // made public since the form was read is public. Nothing is written; the caller says why.
    if (change.publicTextFrom !== 'maskedReply')
      checkPublicAnswer(change.publicText, report, [change.signerName, change.recipient.name]);
    const wanted = change.toStatus;
    const statusChanged =
      wanted !== undefined && wanted !== report.status && canStaffMove(report.status, wanted);
    const closeReason = wanted === 'closed' ? (change.closeReason ?? null) : null;
    if (statusChanged) await reports.setStatus(trx, report.id, { status: wanted, closeReason }, now);
    // A reply greeting a reporter who kept their name back has it masked (a typed one was refused).
    const publicText = publishedAnswer(change.publicText, change.publicTextFrom === 'maskedReply', report);
    const photoCount = change.photos?.length ?? 0;
    // Nothing the public could read (a reply of a signature alone, or of the status word the report
    // already has): kept for staff, never an empty entry on the page.
    const internalOnly = !statusChanged && !publicText && photoCount === 0;
    const notePhotos = change.notePhotos ?? [];
    // An update with anything public would show the note's photos with it.
    if (notePhotos.length > 0 && !internalOnly)
      throw new Error('photos of an internal note on a public update');
    // Staff write Latvian unless the text says otherwise.
    const language = publicText ? textLanguage(publicText, 'lv') : null;
    const updateId = await this.deps.timeline.addUpdate(
      trx,
      {
        reportId: report.id,
        // Someone of a routing contact (a parish, a social worker), or staff without one.
        authorKind: change.recipient.contactId === null ? 'staff' : 'recipient',
        authorName: change.recipient.name,
        contactId: change.recipient.contactId,
        channel: change.channel,
        fromStatus: statusChanged ? report.status : null,
        toStatus: statusChanged ? wanted : null,
        publicText,
        internalNote: change.internalNote?.trim() || null,
        isPublic: !internalOnly,
        language,
        staffId: change.staffId ?? null,
      },
      now,
    );
    await photos.attach(trx, [...(change.photos ?? []), ...notePhotos], report.id, updateId);
    if (statusChanged && closeReason === 'duplicate' && change.duplicateOfRef)
      await linkDuplicate(this.deps, trx, report, change.duplicateOfRef, now);
    const updated: Report = statusChanged ? { ...report, status: wanted, closeReason } : report;
    if (!internalOnly) {
      await this.deps.notifier.publicUpdate(trx, updated, {
        ...recipientMail(change, publicText, language),
        fromStatus: statusChanged ? report.status : null,
        toStatus: statusChanged ? updated.status : null,
      });
    }
    return { updateId, report: updated, statusChanged };
  }
}
