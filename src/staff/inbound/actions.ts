import type { Knex } from 'knex';
import { sameAddress } from '../../mail/address-key.js';
import type { AuditAction, AuditValues } from '../../audit/fields.js';
import type { AuditRepository } from '../../audit/repository.js';
import type { ContactRepository } from '../../contacts/repository.js';
import { speakingContact } from '../../contacts/speaker.js';
import { parseInboundMail } from '../../mail/inbound/inbound-mail.js';
import type { InboundService } from '../../inbound/service.js';
import type { InboundRecord } from '../../inbound/repository.js';
import type { PhotoService } from '../../photos/service.js';
import type { PendingPhoto } from '../../photos/types.js';
import { isPhotoError, type PhotoErrorCode } from '../../uploads/errors.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { CloseReason, Recipient, Report, Status } from '../../reports/types.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import type { ReportUpdateService } from '../../timeline/service.js';
import { systemNote } from '../../timeline/system-note.js';
import { accessFacts, canHandleReport } from '../access.js';
import { addStaffNote, asRecipient } from '../reports/action-kit.js';
import type { StaffUser } from '../types.js';
import { isDecidable, type StaffInboundRepository } from './repository.js';
import type { StaffInboundService } from './service.js';

/** Why a decision was refused, as the page says it (`staff.inbound.errors.<code>`). */
export class InboundActionError extends Error {
  constructor(
    readonly code:
      | 'decided'
      | 'unplaced'
      | 'nothing'
      | 'state'
      | 'report'
      | 'retry'
      | 'samePlace'
      /** A reason for closing chosen with another status, or none: said, not silently dropped. */
      | 'closeReasonAlone'
      /** The photos could not be taken just now (the decoder busy, the storage failing): try again. */
      | 'photosNotNow'
      /** Another copy of the same signed reply (replays.ts) was already published on the report. */
      | 'copyPublished',
  ) {
    super(code);
    this.name = 'InboundActionError';
  }
}

export interface Publication {
  status?: Status | undefined;
  closeReason?: Exclude<CloseReason, 'withdrawn' | 'duplicate'> | undefined;
  publicText?: string | undefined;
  internalNote?: string | undefined;
  photos: boolean;
}

/**
 * An attached image a publication left out, by its place among the message's images (as the
 * message's page lists them) and why: the person publishing is told, not left to believe the
 * resident sees it.
 */
export interface LeftOutImage {
  index: number;
  code: PhotoErrorCode;
}

export interface StaffInboundActionDeps {
  knex: Knex;
  view: Pick<StaffInboundService, 'find' | 'raw'>;
  staffInbound: Pick<StaffInboundRepository, 'appliedCopy' | 'decide' | 'linkUpdate' | 'place' | 'requeue'>;
  reports: Pick<ReportRepository, 'byRef'>;
  routing: Pick<RoutingService, 'recipients'>;
  contacts: Pick<ContactRepository, 'byEmail'>;
  updates: Pick<ReportUpdateService, 'recordRecipientUpdate'>;
  photos: Pick<PhotoService, 'accept' | 'withdraw'>;
  timeline: Pick<TimelineRepository, 'addUpdate'>;
  reprocess: Pick<InboundService, 'process'>;
  audit: Pick<AuditRepository, 'append'>;
  clock: () => Date;
}

const MAX_PHOTOS = 5;

/**
 * What staff decide on inbound mail that was not applied by itself: publish it on its report (a
 * person vouches for it), drop it, place it on the report it belongs to, or read it again. Each
 * decision is taken once: the first person's stands, and the audit log keeps who.
 */
export class StaffInboundActions {
  constructor(private readonly deps: StaffInboundActionDeps) {}

  private async decidable(user: StaffUser, id: number) {
    const found = await this.deps.view.find(user, id);
    if (!isDecidable(found.record)) throw new InboundActionError('decided');
    return found;
  }

  /**
   * The message's text (as edited) and photos become an update on its report, by the same path
   * as a reply by email. It speaks as the contact it came from when that is one of the report's
   * (the reply was held only because its sender could not be proven), else as the person deciding.
   */
  async publish(
    user: StaffUser,
    id: number,
    wanted: Publication,
    ip: string,
  ): Promise<{ leftOut: LeftOutImage[] }> {
    const { record, report } = await this.decidable(user, id);
    if (!report) throw new InboundActionError('unplaced');
    if (wanted.closeReason && wanted.status !== 'closed') throw new InboundActionError('closeReasonAlone');
    if (!wanted.status && !wanted.publicText && !wanted.photos) throw new InboundActionError('nothing');
    const speaker = await this.speaker(user, record, report);
    const { photos, leftOut } = wanted.photos ? await this.photosOf(user, id) : { photos: [], leftOut: [] };
    // A decision refused from here on (taken by someone else, a status the report cannot take, a
    // word refused) takes back the photos it took, rather than leaving them for the daily purge.
    try {
      await this.publishTaken(user, id, { record, report, speaker }, wanted, photos, ip);
    } catch (error) {
      await this.deps.photos.withdraw(photos);
      throw error;
    }
    return { leftOut };
  }

  /** The publication's one transaction, its photos already taken. */
  private async publishTaken(
    user: StaffUser,
    id: number,
    found: { record: InboundRecord; report: Report; speaker: Recipient },
    wanted: Publication,
    photos: PendingPhoto[],
    ip: string,
  ): Promise<void> {
    const { record, report, speaker } = found;
    if (!wanted.status && !wanted.publicText && photos.length === 0) throw new InboundActionError('nothing');
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      // A copy of a signed reply sent again is held beside it: the resident reads it once. Checked
      // under the first copy's row lock, so two people publishing two copies at once publish one.
      const copy = await this.deps.staffInbound.appliedCopy(trx, { ...record, reportId: report.id });
      if (copy !== undefined) throw new InboundActionError('copyPublished');
      const first = await this.deps.staffInbound.decide(
        trx,
        id,
        record.outcome,
        { outcome: 'applied', staffId: user.id },
        now,
      );
      if (!first) throw new InboundActionError('decided');
      // As edited it is published as typed: a sign-off, name or contact put back in is refused
      // there (PublicAnswerProblem), and the decision with it.
      const result = await this.deps.updates.recordRecipientUpdate(trx, report.id, {
        recipient: speaker,
        channel: 'email',
        toStatus: wanted.status,
        closeReason: wanted.status === 'closed' ? wanted.closeReason : undefined,
        publicText: wanted.publicText,
        internalNote: wanted.internalNote,
        photos,
      });
      if (wanted.status && wanted.status !== report.status && !result.statusChanged)
        throw new InboundActionError('state');
      await this.deps.staffInbound.linkUpdate(trx, id, result.updateId);
      const note = systemNote({ note: 'published', from: record.fromEmail ?? '', inboundId: id });
      await addStaffNote(this.deps.timeline, trx, { user, reportId: report.id, text: note }, now);
      await this.audit(
        trx,
        user,
        'inbound.publish',
        id,
        record,
        {
          outcome: 'applied',
          report: report.ref,
          status: result.report.status,
          photos: photos.length,
        },
        ip,
      );
    });
  }

  /** Nothing is published and nobody is told; the message and its row stay as they came. */
  async drop(user: StaffUser, id: number, reason: string | undefined, ip: string): Promise<void> {
    const { record } = await this.decidable(user, id);
    await this.deps.knex.transaction(async (trx) => {
      const first = await this.deps.staffInbound.decide(
        trx,
        id,
        record.outcome,
        { outcome: 'dropped', staffId: user.id },
        this.deps.clock(),
      );
      if (!first) throw new InboundActionError('decided');
      await this.audit(
        trx,
        user,
        'inbound.drop',
        id,
        record,
        { outcome: 'dropped', reason: reason ?? null },
        ip,
      );
    });
  }

  /** Mail that reached no report (or the wrong one) is put on a report the person handles. */
  async place(user: StaffUser, id: number, ref: string, ip: string): Promise<void> {
    const { record } = await this.decidable(user, id);
    const report = await this.deps.reports.byRef(ref);
    // A report the person may not handle is answered like one that does not exist.
    if (!report || report.status === 'unconfirmed') throw new InboundActionError('report');
    const recipients = await this.deps.routing.recipients(report.id);
    if (!canHandleReport(user, accessFacts(report, recipients))) throw new InboundActionError('report');
    // Put on the report it is already on, nothing would change: saying "placed" would mislead.
    if (record.reportId === report.id) throw new InboundActionError('samePlace');
    await this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.staffInbound.place(trx, id, report.id, record.outcome)))
        throw new InboundActionError('decided');
      await this.audit(trx, user, 'inbound.place', id, record, { report: report.ref }, ip);
    });
  }

  /** A message that failed or could not be read is read again now, as if it had just come. */
  async retry(user: StaffUser, id: number, ip: string): Promise<void> {
    const { record } = await this.decidable(user, id);
    if (record.outcome !== 'failed' && record.outcome !== 'malformed') throw new InboundActionError('retry');
    await this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.staffInbound.requeue(trx, id, record.outcome, this.deps.clock())))
        throw new InboundActionError('decided');
      await this.audit(trx, user, 'inbound.retry', id, record, { outcome: 'received' }, ip);
    });
    await this.deps.reprocess.process(id);
  }

  private async speaker(user: StaffUser, record: InboundRecord, report: Report): Promise<Recipient> {
    const from = record.fromEmail?.toLowerCase();
    if (from) {
      const recipients = await this.deps.routing.recipients(report.id);
      const own = recipients.find((recipient) => sameAddress(recipient.email, from));
      if (own) return own;
      const contact = speakingContact(await this.deps.contacts.byEmail(from), report);
      if (contact) return contact;
    }
    return asRecipient(user, report);
  }

  /** The message's images as photos, one at a time so each refusal is known by its place. */
  private async photosOf(
    user: StaffUser,
    id: number,
  ): Promise<{ photos: PendingPhoto[]; leftOut: LeftOutImage[] }> {
    const raw = await this.deps.view.raw(user, id);
    const mail = await parseInboundMail(raw);
    const photos: PendingPhoto[] = [];
    const leftOut: LeftOutImage[] = [];
    for (const [index, image] of mail.reply.images.entries()) {
      if (index >= MAX_PHOTOS) {
        leftOut.push({ index, code: 'too_many_files' });
        continue;
      }
      const file = { originalname: image.filename ?? `photo-${index + 1}`, buffer: image.content };
      try {
        const accepted = await this.deps.photos.accept([file], this.deps.clock());
        photos.push(...accepted.pending);
        leftOut.push(...accepted.problems.map((problem) => ({ index, code: problem.code })));
      } catch (error) {
        // Nothing wrong with the file: nothing is published, and the person tries again. The
        // photos taken before it go too: a retry takes them again.
        await this.deps.photos.withdraw(photos);
        if (isPhotoError(error)) throw new InboundActionError('photosNotNow');
        throw error;
      }
    }
    return { photos, leftOut };
  }

  private audit<A extends object>(
    trx: Knex.Transaction,
    user: StaffUser,
    action: AuditAction,
    id: number,
    record: InboundRecord,
    after: AuditValues<A>,
    ip: string,
  ) {
    return this.deps.audit.append(
      trx,
      {
        staffId: user.id,
        action,
        objectType: 'inbound',
        objectId: id,
        before: { outcome: record.outcome, reportId: record.reportId },
        after,
        ip,
      },
      this.deps.clock(),
    );
  }
}
