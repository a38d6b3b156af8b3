import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';
import { listUnsubscribeHeaders } from '../mail/address.js';
import type { Language } from '../i18n/index.js';
import type { FixedAnswer, ReportLinks } from './links.js';
import type { ReportRepository } from './repository.js';
import type { MailQueue, ReportService } from './service.js';
import type { ReportUpdateService } from './updates.js';
import type { Report } from './types.js';

const FOUR_WEEKS_MS = 28 * 24 * 60 * 60 * 1000;

export type FixedLookup =
  | { ok: true; report: Report; questionId: number; answer: FixedAnswer; answered: FixedAnswer | null }
  | { ok: false; reason: 'invalid' | 'expired' };

/** What became of an answer: recorded (or already), or not, because the report was withdrawn. */
export type FixedAnswerResult = FixedLookup | { ok: false; reason: 'withdrawn'; report: Report };

/**
 * "Is it fixed?": four weeks after routing, an open report's reporter is asked once; after a "no"
 * they are asked again four weeks later. The scheduler runs `askDue` in one process at a time,
 * and a question is only asked when the last one was answered "no", so none is sent twice.
 */
export class FixedQuestionService {
  constructor(
    private readonly deps: {
      knex: Knex;
      links: ReportLinks;
      reports: ReportRepository;
      reportService: ReportService;
      updates: ReportUpdateService;
      mail: MailQueue;
      clock: () => Date;
      /** The answer becomes a timeline row in the reporter's own language. */
      translate: (key: string, language: Language) => string;
    },
  ) {}

  async askDue(limit = 200): Promise<number> {
    const { knex } = this.deps;
    const now = this.deps.clock();
    const cutoff = new Date(now.getTime() - FOUR_WEEKS_MS);
    const due = (await knex('reports as r')
      .whereIn('r.status', ['open', 'acknowledged', 'in_progress'])
      .where('r.routed_at', '<=', cutoff)
      .whereNull('r.withdrawn_at')
      .whereNull('r.reporter_unsubscribed_at')
      .where('r.hidden', false)
      .whereNotExists(
        knex('fixed_questions as q')
          .whereRaw('q.report_id = r.id')
          .where((where) => {
            void where
              .whereNull('q.answer')
              .orWhereNot('q.answer', 'no')
              .orWhere('q.answered_at', '>', cutoff);
          }),
      )
      .select('r.id')
      .orderBy('r.routed_at')
      .limit(limit)) as { id: number }[];
    for (const { id } of due) {
      await knex.transaction(async (trx) => {
        const report = await this.deps.reports.byId(id, trx, true);
        if (!report) return;
        const [row] = (await trx('fixed_questions')
          .insert({ report_id: id, asked_at: now })
          .returning('id')) as { id: number }[];
        const answerUrls = Object.fromEntries(
          (['yes', 'no', 'unknown'] as const).map((answer) => [
            answer,
            this.deps.links.fixedQuestion(report.ref, row!.id, answer, now),
          ]),
        );
        await this.deps.mail.enqueue(trx, {
          kind: 'fixed-question',
          to: { email: report.reporterEmail, name: report.reporterName },
          language: report.language,
          template: 'fixed-question',
          reportId: report.id,
          headers: listUnsubscribeHeaders(this.deps.links.unsubscribe('r', report.id)),
          data: {
            report: await this.deps.reportService.notifier.view(report, report.language),
            answerUrls,
            reportUrl: this.deps.links.reporterPage(report.ref),
            unsubscribeUrl: this.deps.links.unsubscribe('r', report.id),
          },
        });
      });
    }
    return due.length;
  }

  async lookup(ref: string, token: string): Promise<FixedLookup> {
    const read = this.deps.links.readFixedQuestion(token, this.deps.clock());
    if (!read.ok) return { ok: false, reason: read.reason };
    const question = (await this.deps.knex('fixed_questions').where({ id: read.questionId }).first()) as
      { id: number; report_id: number; answer: FixedAnswer | null } | undefined;
    const report = question ? await this.deps.reports.byId(question.report_id) : undefined;
    if (!question || !report || report.ref !== ref) return { ok: false, reason: 'invalid' };
    return { ok: true, report, questionId: question.id, answer: read.answer, answered: question.answer };
  }

  /**
   * Records the answer once, with what it does, in one transaction: "yes" resolves the report,
   * "no" is said on it, both reach the parish. A withdrawn report takes no answer (nothing is
   * saved, and the page says why).
   */
  async answer(ref: string, token: string): Promise<FixedAnswerResult> {
    const found = await this.lookup(ref, token);
    if (!found.ok || found.answered) return found;
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx): Promise<FixedAnswerResult> => {
      const report = await this.deps.reports.byId(found.report.id, trx, true);
      if (!report) return { ok: false, reason: 'invalid' };
      if (report.withdrawnAt || report.status === 'unconfirmed')
        return { ok: false, reason: 'withdrawn', report };
      const updated = affectedRows(
        await trx('fixed_questions')
          .where({ id: found.questionId })
          .whereNull('answer')
          .update({ answer: found.answer, answered_at: now }),
      );
      if (updated === 0) return { ...found, answered: found.answer };
      const canResolve = ['open', 'acknowledged', 'in_progress'].includes(report.status);
      await this.deps.updates.applyReporterAction(trx, report.id, {
        kind: found.answer === 'yes' && canResolve ? 'resolve' : 'comment',
        text: this.deps.translate(`fixedQuestion.answerText.${found.answer}`, report.language),
        photos: [],
      });
      return { ...found, report };
    });
  }
}
