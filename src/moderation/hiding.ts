import type { Knex } from 'knex';
import type { AuditAction, AuditValues } from '../audit/fields.js';
import type { AuditRepository } from '../audit/repository.js';
import type { Queryable } from '../db/transaction.js';
import type { ModeratedPhoto, PhotoRepository } from '../photos/repository.js';
import type { HiddenMark } from '../reports/hidden.js';
import { unfitPrivateAnswers } from '../reports/private-answers.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Photo, Report, ReportUpdate } from '../reports/types.js';
import { canModerate, canSeeReport } from '../staff/access.js';
import type { StaffUser } from '../staff/types.js';
import type { ModeratedUpdate, TimelineRepository } from '../timeline/repository.js';
import type { AbuseRepository } from './abuse-repository.js';
import { ModerationError } from './errors.js';
import { auditObject, WHOLE_REPORT, type Target } from './targets.js';

/** What showing a hidden item again did. */
export type Unhidden = 'shown' | 'notHidden' | 'signed';

export type Moderator = Pick<StaffUser, 'id' | 'role' | 'parishes' | 'contacts'>;

/** What a hide form is about: the report, and the update or photo when it is one of those. */
export interface Subject {
  report: Report;
  target: Target;
  update: ModeratedUpdate | null;
  photo: ModeratedPhoto | null;
  /** When and why it is hidden now; null while it is shown. */
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

export interface HidingDeps {
  knex: Knex;
  reports: Pick<ReportRepository, 'byRef' | 'byId' | 'setHidden'>;
  timeline: Pick<TimelineRepository, 'moderated' | 'setHidden' | 'timeline' | 'privacyRows'>;
  photos: Pick<PhotoRepository, 'moderated' | 'setHidden' | 'ofReport'>;
  abuse: Pick<AbuseRepository, 'closeOpenAbout'>;
  audit: Pick<AuditRepository, 'append'>;
  clock: () => Date;
}

/** An update the public reads something of: public, with words or photos. */
export function hasPublicWords(
  update: Pick<ModeratedUpdate, 'isPublic' | 'publicText' | 'hasPhotos'>,
): boolean {
  return update.isPublic && (Boolean(update.publicText?.trim()) || update.hasPhotos);
}

/**
 * Moderators and admins act on a report they may see (a moderator: public ones only) that is
 * someone's: confirmed, or held. Parish clerks never get here, so its recipients do not matter.
 */
export function mayModerate(user: Moderator, report: Report): boolean {
  const facts = { parishCode: report.parishCode, isPrivate: report.isPrivate, recipientContactIds: [] };
  const someones = report.status !== 'unconfirmed' || report.heldAt !== null;
  return canModerate(user) && canSeeReport(user, facts) && someones;
}

/**
 * Hiding a report, an update or a photo from the public, with a reason, and showing it again. The
 * original is kept; each change and its audit row are one transaction, and hiding closes the open
 * abuse reports about what was hidden.
 */
export class HidingService {
  constructor(private readonly deps: HidingDeps) {}

  /** The report and item a URL names, as this moderator may see them; anything else is not found. */
  subject(user: Moderator, ref: string, target: Target): Promise<Subject> {
    return this.load(this.deps.knex, user, ref, target, false);
  }

  /** A report with what the public sees of it (hidden things marked), for a moderator to act on. */
  async overview(
    user: Moderator,
    ref: string,
  ): Promise<{ report: Report; updates: ReportUpdate[]; photos: Photo[] }> {
    const { report } = await this.subject(user, ref, WHOLE_REPORT);
    const [updates, photos] = await Promise.all([
      this.deps.timeline.timeline(report.id, { publicOnly: true }),
      this.deps.photos.ofReport(report.id),
    ]);
    return { report, updates, photos: photos.filter((photo) => photo.updateId === null) };
  }

  async hide(user: Moderator, ref: string, target: Target, reason: string, ip: string): Promise<Subject> {
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      const subject = await this.load(trx, user, ref, target, true);
      if (subject.hiddenAt) throw new ModerationError('already_hidden');
      await this.write(trx, subject, { at: now, staffId: user.id, reason }, now);
      const closed = await this.deps.abuse.closeOpenAbout(
        trx,
        { reportId: subject.report.id, target },
        { staffId: user.id, outcome: 'hidden' },
        now,
      );
      const after = { hiddenAt: now, reason, abuseReportsClosed: closed };
      await this.audit(trx, { user, subject, action: 'moderation.hide', after, ip }, now);
      return { ...subject, hiddenAt: now, hiddenReason: reason };
    });
  }

  /**
   * Shows a hidden item again: `notHidden` when it was not hidden, `signed` when it is a staff
   * answer written while its public report was private that would publish a signature or a contact
   * (nothing changes, nothing is logged, in either case).
   */
  async unhide(user: Moderator, ref: string, target: Target, ip: string): Promise<Unhidden> {
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      const subject = await this.load(trx, user, ref, target, true);
      if (!subject.hiddenAt) return 'notHidden';
      if (await this.signedInPrivate(trx, subject)) return 'signed';
      await this.write(trx, subject, null, now);
      await this.audit(
        trx,
        { user, subject, action: 'moderation.unhide', after: { hiddenAt: null }, ip },
        now,
      );
      return 'shown';
    });
  }

  /**
   * Whether an answer, shown again, would publish what was never checked: written while the report
   * was private (such an answer keeps a private report private until it is hidden, and hiding it
   * is how the report could be made public). A private report's are checked when it is made public.
   */
  private async signedInPrivate(db: Queryable, { report, update }: Subject): Promise<boolean> {
    if (!update || report.isPrivate) return false;
    const rows = await this.deps.timeline.privacyRows(db, report.id);
    const shown = rows.map((row) => (row.id === update.id ? { ...row, hiddenAt: null } : row));
    return unfitPrivateAnswers(shown, false, report).some((unfit) => unfit.id === update.id);
  }

  private async load(
    db: Queryable,
    user: Moderator,
    ref: string,
    target: Target,
    lock: boolean,
  ): Promise<Subject> {
    const { reports, timeline, photos } = this.deps;
    const found = await reports.byRef(ref, db);
    const report = found && lock && target.kind === 'report' ? await reports.byId(found.id, db, true) : found;
    if (!report || !mayModerate(user, report)) throw new ModerationError('not_found');
    const none = { report, target, update: null, photo: null };
    if (target.kind === 'report')
      return { ...none, hiddenAt: report.hiddenAt, hiddenReason: report.hiddenReason };
    if (target.kind === 'update') {
      const update = await timeline.moderated(db, report.id, target.id, lock);
      // Only what the public reads is hidden: an internal note never was, and a bare change of
      // status has no words to hide (hiding it would only blank the public timeline). One hidden
      // before this rule may still be shown again.
      if (!update || !(update.hiddenAt || hasPublicWords(update))) throw new ModerationError('not_found');
      return { ...none, update, hiddenAt: update.hiddenAt, hiddenReason: update.hiddenReason };
    }
    const photo = await photos.moderated(db, report.id, target.id, lock);
    if (!photo) throw new ModerationError('not_found');
    return { ...none, photo, hiddenAt: photo.hiddenAt, hiddenReason: photo.hiddenReason };
  }

  private async write(trx: Queryable, subject: Subject, mark: HiddenMark | null, now: Date): Promise<void> {
    const { target, report } = subject;
    if (target.kind === 'report') await this.deps.reports.setHidden(trx, report.id, mark, now);
    if (target.kind === 'update') await this.deps.timeline.setHidden(trx, target.id, mark);
    if (target.kind === 'photo') await this.deps.photos.setHidden(trx, target.id, mark);
  }

  private audit<A extends object>(
    trx: Queryable,
    entry: { user: Moderator; subject: Subject; action: AuditAction; after: AuditValues<A>; ip: string },
    now: Date,
  ): Promise<void> {
    const { subject } = entry;
    const report = subject.report.ref;
    return this.deps.audit.append(
      trx,
      {
        staffId: entry.user.id,
        action: entry.action,
        ...auditObject(report, subject.target),
        before: { report, hiddenAt: subject.hiddenAt, reason: subject.hiddenReason },
        after: { report, ...entry.after },
        ip: entry.ip,
      },
      now,
    );
  }
}
