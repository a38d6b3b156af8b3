import type { Knex } from 'knex';
import type { AlertHooks } from '../../alerts/hooks.js';
import type { AuditRepository } from '../../audit/repository.js';
import type { MadePrivateNotice } from '../../notifications/made-private.js';
import type { Notifier } from '../../notifications/notifier.js';
import type { PhotoService } from '../../photos/service.js';
import type { ReferenceService } from '../../reference/service.js';
import type { ReportRepository } from '../../reports/repository.js';
import type { CloseReason, Status } from '../../reports/types.js';
import type { RoutingService } from '../../routing/service.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { systemNote } from '../../timeline/system-note.js';
import type { ReportUpdateService } from '../../timeline/service.js';
import { ForbiddenError } from '../../web/errors.js';
import { accessFacts, canMakePublic, mayBeAssigned } from '../access.js';
import type { StaffRepository } from '../repository.js';
import type { StaffMember, StaffUser } from '../types.js';
import type { StaffReportRepository } from './repository.js';
import type { StaffReportService } from './service.js';
import type { AssignedEmail } from './assigned-email.js';
import { asRecipient, ReportActionKit, snapshot, StaffActionError } from './action-kit.js';
import { PrivateAnswersProblem } from './private-answers.js';
import { unfitPrivateAnswers } from '../../reports/private-answers.js';
import { REPEAT_WINDOW_MS, repeatsLast } from './repeated.js';
import { tellMoved } from './moved-told.js';

export interface StatusChange {
  status?: Status | undefined;
  closeReason?: Exclude<CloseReason, 'withdrawn'> | undefined;
  duplicateOf?: string | undefined;
  publicText?: string | undefined;
  internalNote?: string | undefined;
}

export interface StaffActionDeps {
  knex: Knex;
  view: Pick<StaffReportService, 'find'>;
  reports: Pick<ReportRepository, 'byRef' | 'byId'>;
  staffReports: Pick<StaffReportRepository, 'assign' | 'setPrivacy' | 'move' | 'isHelpRequest'>;
  staff: Pick<StaffRepository, 'byId' | 'contactsOf'>;
  updates: Pick<ReportUpdateService, 'recordRecipientUpdate'>;
  routing: Pick<RoutingService, 'reroute' | 'recipients'>;
  notifier: Pick<Notifier, 'newReport' | 'moved'>;
  madePrivate: Pick<MadePrivateNotice, 'tell'>;
  /** The alerts of a public report's new place and category hear that it was moved there. */
  alerts?: Pick<AlertHooks, 'reportMoved'>;
  photos: Pick<PhotoService, 'reportKeys'>;
  timeline: Pick<TimelineRepository, 'addUpdate' | 'lastByStaff' | 'privacyRows'>;
  reference: Pick<ReferenceService, 'category' | 'parish'>;
  audit: Pick<AuditRepository, 'append'>;
  /** Tells a colleague a report was assigned to them. */
  assignedEmail: Pick<AssignedEmail, 'send'>;
  clock: () => Date;
}

/** What staff do to a report: each one transaction, one timeline row, one audit row. */
export class StaffActions {
  private readonly kit: ReportActionKit;

  constructor(private readonly deps: StaffActionDeps) {
    this.kit = new ReportActionKit(deps);
  }

  /**
   * A status, a public answer and/or an internal note: the same path as a reply by email. The same
   * update its writer saved on this report in the last ten minutes is the form sent again (Back,
   * then Save): nothing is added, published or emailed, and the answer is `repeated`.
   */
  async update(
    user: StaffUser,
    ref: string,
    change: StatusChange,
    ip: string,
  ): Promise<'saved' | 'repeated'> {
    const report = await this.kit.handled(user, ref);
    // A reason for closing means nothing with another status: said, not silently dropped.
    if (change.closeReason && change.status !== 'closed') throw new StaffActionError('closeReasonAlone');
    if (change.publicText && report.erasedAt) throw new StaffActionError('answerErased');
    if (!change.status && !change.publicText && !change.internalNote)
      // Making it public again is said only to one who may, on a report that may be public.
      throw new StaffActionError((await this.mayBePublicBy(user, report)) ? 'nothingPrivate' : 'nothing');
    if (change.closeReason === 'duplicate' && change.status === 'closed') {
      if (!change.duplicateOf) throw new StaffActionError('duplicate_missing');
      // One the user may not see is "unknown" too: the answer must not tell which private numbers exist.
      const target = await this.kit.seen(user, change.duplicateOf);
      if (!target) throw new StaffActionError('duplicate_unknown');
      if (target.id === report.id) throw new StaffActionError('duplicate_self');
    }
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      // The report's row locked first, so the same form sent twice at once is read here one after
      // the other: the second sees the first's update.
      const locked = await this.deps.reports.byId(report.id, trx, true);
      const since = new Date(now.getTime() - REPEAT_WINDOW_MS);
      const last = await this.deps.timeline.lastByStaff(trx, report.id, user.id, since);
      if (repeatsLast(last, change, locked?.status ?? report.status)) return 'repeated';
      // The status it has already (a colleague set it since the page was read), and nothing else:
      // there is nothing to save, not an empty entry in its history under "Saved".
      if (change.status === (locked ?? report).status && !change.publicText && !change.internalNote)
        throw new StaffActionError('statusAlready');
      // Published as typed: a sign-off, name or contact in it is refused there (PublicAnswerProblem,
      // nothing saved), and the form says why.
      const result = await this.deps.updates.recordRecipientUpdate(trx, report.id, {
        recipient: asRecipient(user, report),
        channel: 'web',
        toStatus: change.status,
        closeReason: change.status === 'closed' ? change.closeReason : undefined,
        duplicateOfRef: change.duplicateOf,
        publicText: change.publicText,
        internalNote: change.internalNote,
        staffId: user.id,
        signerName: user.name,
      });
      if (change.status && change.status !== report.status && !result.statusChanged)
        throw new StaffActionError('state');
      await this.kit.audit(
        trx,
        user,
        'report.update',
        report,
        snapshot(report),
        // Whether words were written, never the words: erasing a person cannot reach the audit log.
        {
          ...snapshot(result.report),
          duplicateOf: change.duplicateOf ?? null,
          publicText: Boolean(change.publicText),
          internalNote: Boolean(change.internalNote),
        },
        ip,
        now,
      );
      return 'saved' as const;
    });
  }

  /** Another category or parish: the report is routed again and its new recipients are emailed. */
  async move(
    user: StaffUser,
    ref: string,
    to: { categoryCode: string; parishCode: string },
    ip: string,
  ): Promise<void> {
    const report = await this.kit.handled(user, ref);
    if (report.categoryCode === to.categoryCode && report.parishCode === to.parishCode)
      throw new StaffActionError('unmoved');
    const category = await this.deps.reference.category(to.categoryCode);
    if (!category?.active) throw new StaffActionError('category');
    if (!(await this.deps.reference.parish(to.parishCode))) throw new StaffActionError('parish');
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      // Locked and read again, so the same move sent twice at once (Back, then Save) moves and tells once.
      const locked = await this.deps.reports.byId(report.id, trx, true);
      if (locked?.categoryCode === to.categoryCode && locked.parishCode === to.parishCode)
        throw new StaffActionError('unmoved');
      const before = await this.deps.routing.recipients(report.id, trx);
      await this.deps.staffReports.move(trx, report.id, to, now);
      // A private category makes the report private; the reverse is never silent.
      const isPrivate = report.isPrivate || category.visibility === 'private';
      // Held as it is now (read under the lock): a report let through meanwhile is moved as any other.
      const { heldAt } = locked ?? report;
      if (isPrivate !== report.isPrivate) {
        await this.deps.staffReports.setPrivacy(trx, report.id, true, now);
        await this.deps.madePrivate.tell(trx, { ...report, heldAt });
      }
      const moved = { ...report, ...to, isPrivate, heldAt };
      const known = new Set(before.map((recipient) => recipient.email.toLowerCase()));
      // A held report (a banned sender's) stays routed to nobody where it goes: letting it through
      // routes it there, and tells its recipients then.
      const held = heldAt !== null;
      const added = held
        ? []
        : (await this.deps.routing.reroute(trx, moved)).filter((r) => !known.has(r.email.toLowerCase()));
      if (added.length > 0)
        await this.deps.notifier.newReport(
          trx,
          moved,
          added,
          await this.deps.photos.reportKeys(trx, report.id),
        );
      const note = systemNote({
        note: 'moved',
        from: `${report.categoryCode}/${report.parishCode}`,
        to: `${to.categoryCode}/${to.parishCode}`,
        recipients: added.map((recipient) => recipient.name),
      });
      await this.kit.note(trx, user, report, note, now);
      if (to.parishCode !== report.parishCode) await tellMoved(this.deps, trx, moved, now);
      await this.deps.alerts?.reportMoved(trx, moved, report);
      await this.kit.audit(trx, user, 'report.move', report, snapshot(report), snapshot(moved), ip, now);
    });
  }

  /**
   * Private at once; public again only with a recorded reason, by an admin or a social worker, and
   * never a request for help or a report in a private category: those are private by what they are.
   */
  async setPrivacy(
    user: StaffUser,
    ref: string,
    wanted: { private: boolean; reason?: string | undefined },
    ip: string,
  ): Promise<void> {
    const report = await this.kit.handled(user, ref);
    if (wanted.private === report.isPrivate) throw new StaffActionError('nothing');
    if (!wanted.private && !canMakePublic(user)) throw new ForbiddenError('role', 'staff.errors.role');
    if (!wanted.private && !wanted.reason) throw new StaffActionError('publicReason');
    if (!wanted.private && !(await this.mayBePublic(report))) throw new StaffActionError('privateKind');
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      // Locked: no answer is written while its timeline is read; sent twice, followers hear once.
      const locked = (await this.deps.reports.byId(report.id, trx, true)) ?? report;
      if (locked.isPrivate === wanted.private) throw new StaffActionError('nothing');
      if (!wanted.private) {
        const unfit = unfitPrivateAnswers(await this.deps.timeline.privacyRows(trx, report.id), true, locked);
        if (unfit.length > 0) throw new PrivateAnswersProblem(unfit);
      }
      await this.deps.staffReports.setPrivacy(trx, report.id, wanted.private, now);
      if (wanted.private) await this.deps.madePrivate.tell(trx, locked);
      const note = wanted.private
        ? systemNote({ note: 'private' })
        : systemNote({ note: 'public', reason: wanted.reason ?? '' });
      await this.kit.note(trx, user, report, note, now);
      const after = { ...snapshot(report), isPrivate: wanted.private, reason: wanted.reason ?? null };
      await this.kit.audit(
        trx,
        user,
        wanted.private ? 'report.private' : 'report.public',
        report,
        snapshot(report),
        after,
        ip,
        now,
      );
    });
  }

  /**
   * Whether a report may ever be public: not a request for help, nor in a private category.
   * `isHelp` when the caller already knows (the report's page has read its help details).
   */
  async mayBePublic(report: { id: number; categoryCode: string }, isHelp?: boolean): Promise<boolean> {
    const category = await this.deps.reference.category(report.categoryCode);
    if (category?.visibility !== 'public') return false;
    return !(isHelp ?? (await this.deps.staffReports.isHelpRequest(this.deps.knex, report.id)));
  }

  /** Whether this user may make this private report public again: the role, then the report's kind. */
  async mayBePublicBy(
    user: StaffUser,
    report: { id: number; categoryCode: string; isPrivate: boolean },
    isHelp?: boolean,
  ): Promise<boolean> {
    return report.isPrivate && canMakePublic(user) && this.mayBePublic(report, isHelp);
  }

  /**
   * To a colleague who may handle it (or to nobody). The colleague is told by email, once: not
   * when one takes it oneself. The same assignment saved again changes nothing: no timeline note,
   * no audit entry, no email; it answers `unchanged` for the page to say so.
   */
  async assign(
    user: StaffUser,
    ref: string,
    colleagueId: number | null,
    ip: string,
  ): Promise<'assigned' | 'unchanged'> {
    const report = await this.kit.handled(user, ref);
    let colleague: StaffMember | undefined;
    if (colleagueId !== null) {
      colleague = await this.deps.staff.byId(colleagueId);
      if (!colleague?.active) throw new StaffActionError('colleague');
      const contacts = await this.deps.staff.contactsOf(colleague.id);
      const { recipients } = await this.deps.view.find(user, ref);
      if (!mayBeAssigned({ role: colleague.role, contacts }, accessFacts(report, recipients)))
        throw new StaffActionError('colleague');
    }
    const name = colleague?.name ?? null;
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      // Locked, so the same form sent twice at once is read one after the other: once assigned.
      const locked = await this.deps.reports.byId(report.id, trx, true);
      const was = locked ?? report;
      if (was.assignedStaffId === colleagueId) return 'unchanged' as const;
      await this.deps.staffReports.assign(trx, report.id, colleagueId, now);
      if (colleague && colleague.id !== user.id)
        await this.deps.assignedEmail.send(trx, was, colleague, user);
      await this.kit.note(trx, user, report, systemNote({ note: 'assigned', name }), now);
      await this.kit.audit(
        trx,
        user,
        'report.assign',
        report,
        snapshot(was),
        { ...snapshot(was), assignedStaffId: colleagueId },
        ip,
        now,
      );
      return 'assigned' as const;
    });
  }
}
