import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import type { Language } from '../i18n/index.js';
import type { PhotoService } from '../photos/service.js';
import type { ReportRepository } from '../reports/repository.js';
import type { ReportService } from '../reports/service.js';
import type { Report } from '../reports/types.js';
import { abuseChoices, type AbuseChoice } from './abuse-choices.js';
import type { AbuseReport, AbuseRepository, QueuedAbuse } from './abuse-repository.js';
import { ModerationError } from './errors.js';
import { mayModerate, type Moderator } from './hiding.js';
import { choiceOf, type Target } from './targets.js';

export const QUEUE_LIMIT = 100;

export interface AbuseDeps {
  knex: Knex;
  reports: Pick<ReportService, 'view'>;
  reportRows: Pick<ReportRepository, 'byId'>;
  photos: Pick<PhotoService, 'ofReport'>;
  abuse: Pick<AbuseRepository, 'insert' | 'byId' | 'open' | 'close'>;
  audit: Pick<AuditRepository, 'append'>;
  clock: () => Date;
}

/** "Report abuse" from public pages, and the queue where moderators hide or keep what was reported. */
export class AbuseService {
  constructor(private readonly deps: AbuseDeps) {}

  /** A report anyone may see, and what on it may be reported; undefined for anything else. */
  async reportable(ref: string): Promise<{ report: Report; choices: AbuseChoice[] } | undefined> {
    const viewed = await this.deps.reports.view(ref);
    if (!viewed) return undefined;
    const photos = await this.deps.photos.ofReport(viewed.report.id);
    return { report: viewed.report, choices: abuseChoices(viewed.timeline, photos) };
  }

  /** Saves a resident's abuse report: about something the public page shows, or refused. */
  async submit(ref: string, input: { target: Target; reason: string; language: Language }): Promise<number> {
    const found = await this.reportable(ref);
    if (!found) throw new ModerationError('not_found');
    const wanted = choiceOf(input.target);
    if (!found.choices.some((choice) => choice.value === wanted)) throw new ModerationError('choice');
    return this.deps.abuse.insert(this.deps.knex, { reportId: found.report.id, ...input }, this.deps.clock());
  }

  /** Open abuse reports, oldest first: of public reports, and for admins of private ones too. */
  queue(user: Moderator): Promise<{ items: QueuedAbuse[]; total: number }> {
    return this.deps.abuse.open({ includePrivate: user.role === 'admin', limit: QUEUE_LIMIT });
  }

  /** An open abuse report this moderator may act on, with its report. */
  async open(user: Moderator, id: number): Promise<{ abuse: AbuseReport; report: Report }> {
    const abuse = await this.deps.abuse.byId(this.deps.knex, id);
    const report = abuse ? await this.deps.reportRows.byId(abuse.reportId) : undefined;
    if (!abuse || !report || !mayModerate(user, report)) throw new ModerationError('not_found');
    if (abuse.handledAt) throw new ModerationError('handled');
    return { abuse, report };
  }

  /** "Keep it": the abuse report is closed and what it was about stays as it is. */
  async keep(user: Moderator, id: number, ip: string): Promise<void> {
    const { knex, abuse, reportRows, audit } = this.deps;
    const now = this.deps.clock();
    await knex.transaction(async (trx) => {
      const found = await abuse.byId(trx, id, true);
      const report = found ? await reportRows.byId(found.reportId, trx) : undefined;
      if (!found || !report || !mayModerate(user, report)) throw new ModerationError('not_found');
      if (found.handledAt) throw new ModerationError('handled');
      await abuse.close(trx, id, { staffId: user.id, outcome: 'kept' }, now);
      await audit.append(
        trx,
        {
          staffId: user.id,
          action: 'moderation.keep',
          objectType: 'abuse_report',
          objectId: id,
          before: { report: report.ref, about: choiceOf(found.target), handledAt: null },
          after: { report: report.ref, about: choiceOf(found.target), handledAt: now, outcome: 'kept' },
          ip,
        },
        now,
      );
    });
  }
}
