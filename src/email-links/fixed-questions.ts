import type { Knex } from 'knex';
import { listUnsubscribeHeaders } from '../mail/address.js';
import type { MailQueue } from '../mail/outbox.js';
import type { Language } from '../i18n/index.js';
import type { Notifier } from '../notifications/notifier.js';
import type { ReferenceService } from '../reference/service.js';
import type { FixedAnswer, ReportLinks } from '../reports/links.js';
import { privateReaders, privateWordsContext } from '../reports/private-readers.js';
import type { ReportRepository } from '../reports/repository.js';
import type { RoutingRepository } from '../routing/repository.js';
import type { Report } from '../reports/types.js';
import { wordsAbout } from '../reports/words-about.js';
import type { ReportUpdateService } from '../timeline/service.js';
import type { EmailLinkRepository } from './repository.js';

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
      reports: Pick<ReportRepository, 'byId'>;
      /** A private report's recipients say who is told of its answer. */
      routing: Pick<RoutingRepository, 'recipients'>;
      questions: Pick<EmailLinkRepository, 'dueForQuestion' | 'addQuestion' | 'question' | 'answer'>;
      updates: Pick<ReportUpdateService, 'applyReporterAction'>;
      notifier: Pick<Notifier, 'view'>;
      reference: Pick<ReferenceService, 'category'>;
      mail: MailQueue;
      clock: () => Date;
      /** The answer becomes a timeline row in the reporter's own language. */
      translate: (key: string, language: Language) => string;
    },
  ) {}

  async askDue(limit = 200): Promise<number> {
    const now = this.deps.clock();
    const due = await this.deps.questions.dueForQuestion(new Date(now.getTime() - FOUR_WEEKS_MS), limit);
    for (const id of due) await this.ask(id, now);
    return due.length;
  }

  /** Asks one reporter, in their language, with a link for each answer. */
  private async ask(reportId: number, now: Date): Promise<void> {
    const { links, questions } = this.deps;
    await this.deps.knex.transaction(async (trx) => {
      const report = await this.deps.reports.byId(reportId, trx, true);
      if (!report?.reporterEmail) return;
      const questionId = await questions.addQuestion(trx, reportId, now);
      const answerUrls = Object.fromEntries(
        (['yes', 'no', 'unknown'] as const).map((answer) => [
          answer,
          links.fixedQuestion(report.ref, questionId, answer, now),
        ]),
      );
      await this.deps.mail.enqueue(trx, {
        kind: 'fixed-question',
        to: { email: report.reporterEmail, name: report.reporterName },
        language: report.language,
        template: 'fixed-question',
        reportId: report.id,
        headers: listUnsubscribeHeaders(links.unsubscribe('r', report.id)),
        data: {
          report: await this.deps.notifier.view(report, report.language),
          answerUrls,
          reportUrl: links.reporterPage(report.ref),
          unsubscribeUrl: links.unsubscribe('r', report.id),
          privateContext: await this.privateContext(report, trx),
        },
      });
    });
  }

  /**
   * i18next's context of whom the email and the answer page say a private report's answer reaches:
   * `office` when staff made a problem report private and a parish or town administration is still
   * among its recipients (not "the social worker" alone); '' for any other.
   */
  async privateContext(report: Report, db?: Knex.Transaction): Promise<'office' | ''> {
    if (!report.isPrivate) return '';
    const readers = privateReaders(await this.deps.routing.recipients(report.id, db));
    return privateWordsContext(readers, await this.wordsFor(report));
  }

  /** i18next's context of the question's pages: `help` when its report is a request for help. */
  wordsFor(report: Report): Promise<'help' | ''> {
    return wordsAbout(report, this.deps.reference);
  }

  async lookup(ref: string, token: string): Promise<FixedLookup> {
    const read = this.deps.links.readFixedQuestion(token, this.deps.clock());
    if (!read.ok) return { ok: false, reason: read.reason };
    const question = await this.deps.questions.question(read.questionId);
    const report = question ? await this.deps.reports.byId(question.reportId) : undefined;
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
      if (!(await this.deps.questions.answer(trx, found.questionId, found.answer, now)))
        return { ...found, answered: found.answer };
      const canResolve = ['open', 'acknowledged', 'in_progress'].includes(report.status);
      // A request for help is the asker's request, not "the problem".
      const words = (await this.wordsFor(report)) === 'help' ? '_help' : '';
      await this.deps.updates.applyReporterAction(trx, report.id, {
        kind: found.answer === 'yes' && canResolve ? 'resolve' : 'comment',
        text: this.deps.translate(`fixedQuestion.answerText.${found.answer}${words}`, report.language),
        photos: [],
      });
      return { ...found, report };
    });
  }
}
