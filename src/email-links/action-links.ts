import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Notifier } from '../notifications/notifier.js';
import type { ReportLinks, StaffAction } from '../reports/links.js';
import type { ReportRepository } from '../reports/repository.js';
import { canStaffMove } from '../reports/states.js';
import type { Recipient, Report } from '../reports/types.js';
import type { ContactRepository } from '../contacts/repository.js';
import type { RoutingRepository } from '../routing/repository.js';
import { contactStillTheirs, isDeactivatedStaff } from '../routing/speaks-for.js';
import type { StaffRepository } from '../staff/repository.js';
import type { ReportUpdateService } from '../timeline/service.js';
import type { EmailLinkRepository } from './repository.js';

/**
 * Why a link cannot do what it says now: the resident withdrew the report, or its status cannot
 * move to the link's (a resolved report is not put back "in progress" by a link; staff reopen it).
 */
export type ActionBlock = 'withdrawn' | 'status';

export type ActionLookup =
  | {
      ok: true;
      report: Report;
      recipient: Recipient;
      action: StaffAction;
      used: boolean;
      blocked: ActionBlock | null;
    }
  | { ok: false; reason: 'invalid' | 'expired' | 'moved' | 'replaced' };

/** Whether the link's action can be done on the report as it is now (null: it can). */
export function actionBlock(
  report: Pick<Report, 'status' | 'withdrawnAt'>,
  action: StaffAction,
): ActionBlock | null {
  if (report.withdrawnAt) return 'withdrawn';
  if (action === 'not_ours' || action === report.status) return null;
  return canStaffMove(report.status, action) ? null : 'status';
}

type Found = Extract<ActionLookup, { ok: true }>;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * The one-click links in staff emails. A GET only shows what the link would do (mail scanners
 * follow links); the POST does it, once: the link's hash is stored in the same transaction.
 */
export class ActionLinkService {
  constructor(
    private readonly deps: {
      knex: Knex;
      links: Pick<ReportLinks, 'readAction'>;
      reports: Pick<ReportRepository, 'byRef' | 'byId'>;
      recipients: Pick<RoutingRepository, 'recipients'>;
      contacts: Pick<ContactRepository, 'byIds'>;
      staff: Pick<StaffRepository, 'byEmail'>;
      emailLinks: Pick<EmailLinkRepository, 'isUsed' | 'markUsed'>;
      updates: Pick<ReportUpdateService, 'recordRecipientUpdate'>;
      notifier: Pick<Notifier, 'alertAdmins' | 'view'>;
      clock: () => Date;
    },
  ) {}

  async lookup(token: string): Promise<ActionLookup> {
    const read = this.deps.links.readAction(token, this.deps.clock());
    if (!read.ok) return { ok: false, reason: read.reason };
    const report = await this.deps.reports.byRef(read.ref);
    if (!report) return { ok: false, reason: 'invalid' };
    const recipient = (await this.deps.recipients.recipients(report.id)).find(
      (item) => item.id === read.recipientId,
    );
    // The signature is ours, so a recipient the report no longer has was removed when it moved to
    // another parish or category (RoutingService.reroute): that office no longer answers for it.
    if (!recipient) return { ok: false, reason: 'moved' };
    // Sent to an address that answers for it no more (changed by an admin, or a staff account
    // deactivated): as a reply from it is held, its link changes nothing.
    if (
      (await isDeactivatedStaff(this.deps.staff, recipient.email)) ||
      !(await contactStillTheirs(this.deps, recipient, report))
    )
      return { ok: false, reason: 'replaced' };
    const used = await this.deps.emailLinks.isUsed(hash(token));
    return {
      ok: true,
      report,
      recipient,
      action: read.action,
      used,
      blocked: actionBlock(report, read.action),
    };
  }

  /**
   * Does what the link says, once. A link that cannot act on the report as it is now (`blocked`,
   * checked again on the locked row) changes nothing and stays unused: nothing is published, nobody
   * is told, and the page says why.
   */
  async apply(token: string, comment: string): Promise<ActionLookup & { applied?: boolean }> {
    const found = await this.lookup(token);
    if (!found.ok || found.used || found.blocked) return found;
    const now = this.deps.clock();
    const applied = await this.deps.knex.transaction(async (trx) => {
      const current = await this.deps.reports.byId(found.report.id, trx, true);
      if (!current) return 'gone';
      const blocked = actionBlock(current, found.action);
      if (blocked) return blocked;
      if (!(await this.deps.emailLinks.markUsed(trx, hash(token), found.report.id, now))) return false;
      if (found.action === 'not_ours') await this.notOurs(trx, found, comment);
      else
        await this.deps.updates.recordRecipientUpdate(trx, found.report.id, {
          recipient: found.recipient,
          channel: 'link',
          toStatus: found.action,
          publicText: comment,
        });
      return true;
    });
    // Erased since the link was looked up: as if the link named no report.
    if (applied === 'gone') return { ok: false, reason: 'invalid' };
    if (typeof applied === 'string') return { ...found, blocked: applied };
    return { ...found, used: !applied, applied };
  }

  /** "Not ours": noted on the report for staff only, and the municipality's administrators are told. */
  private async notOurs(trx: Knex.Transaction, found: Found, comment: string): Promise<void> {
    const { updates, notifier } = this.deps;
    await updates.recordRecipientUpdate(trx, found.report.id, {
      recipient: found.recipient,
      channel: 'link',
      internalNote: comment || 'not ours',
    });
    await notifier.alertAdmins(trx, {
      kind: 'not-ours-alert',
      reportId: found.report.id,
      data: {
        report: await notifier.view(found.report, 'lv'),
        recipient: { name: found.recipient.name, email: found.recipient.email },
        comment,
      },
    });
  }
}
