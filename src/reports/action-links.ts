import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { ReportLinks, StaffAction } from './links.js';
import type { ReportRepository } from './repository.js';
import type { ReportService } from './service.js';
import type { ReportUpdateService } from './updates.js';
import type { Recipient, Report } from './types.js';

export type ActionLookup =
  | { ok: true; report: Report; recipient: Recipient; action: StaffAction; used: boolean }
  | { ok: false; reason: 'invalid' | 'expired' };

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * The one-click links in staff emails. A GET only shows what the link would do (mail scanners
 * follow links); the POST does it, once: the link's hash is stored in the same transaction.
 */
export class ActionLinkService {
  constructor(
    private readonly deps: {
      knex: Knex;
      links: ReportLinks;
      reports: ReportRepository;
      reportService: ReportService;
      updates: ReportUpdateService;
      clock: () => Date;
    },
  ) {}

  async lookup(token: string): Promise<ActionLookup> {
    const read = this.deps.links.readAction(token, this.deps.clock());
    if (!read.ok) return { ok: false, reason: read.reason };
    const report = await this.deps.reports.byRef(read.ref);
    if (!report) return { ok: false, reason: 'invalid' };
    const recipient = (await this.deps.reports.recipients(report.id)).find(
      (item) => item.id === read.recipientId,
    );
    if (!recipient) return { ok: false, reason: 'invalid' };
    const used = (await this.deps
      .knex('used_action_links')
      .where({ token_hash: hash(token) })
      .first()) as unknown;
    return { ok: true, report, recipient, action: read.action, used: Boolean(used) };
  }

  async apply(token: string, comment: string): Promise<ActionLookup & { applied?: boolean }> {
    const found = await this.lookup(token);
    if (!found.ok || found.used) return found;
    const { knex, reportService, updates } = this.deps;
    const now = this.deps.clock();
    const applied = await knex.transaction(async (trx) => {
      const inserted = (await trx('used_action_links')
        .insert({ token_hash: hash(token), report_id: found.report.id, used_at: now })
        .onConflict('token_hash')
        .ignore()
        .returning('token_hash')) as unknown[];
      if (inserted.length === 0) return false;
      if (found.action === 'not_ours') {
        await updates.recordRecipientUpdate(trx, found.report.id, {
          recipient: found.recipient,
          channel: 'link',
          internalNote: comment || 'not ours',
        });
        await reportService.notifier.alertAdmins(trx, {
          kind: 'not-ours-alert',
          reportId: found.report.id,
          data: {
            report: await reportService.notifier.view(found.report, 'lv'),
            recipient: { name: found.recipient.name, email: found.recipient.email },
            comment,
          },
        });
      } else {
        await updates.recordRecipientUpdate(trx, found.report.id, {
          recipient: found.recipient,
          channel: 'link',
          toStatus: found.action,
          publicText: comment,
        });
      }
      return true;
    });
    return { ...found, used: !applied, applied };
  }
}
