import type { Knex } from 'knex';
import type { Language } from '../i18n/index.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { Report } from '../reports/types.js';
import type { InboundResult, Received } from './handled.js';
import type { InboundNotices } from './notices.js';
import type { InboundRepository } from './repository.js';
import { SenderAnswers } from './sender-answers.js';

/**
 * A reply from one who may speak on the report with nothing of its own above the quote: sent by
 * mistake, or a signature alone. Nothing goes on the timeline (an empty line there tells nobody
 * anything), and its sender, who thinks they answered, is told nothing was published and how to
 * answer; once in a while, never a robot (SenderAnswers).
 */
export class EmptyReplies {
  private readonly answers: SenderAnswers;

  constructor(
    private readonly deps: {
      knex: Knex;
      inbound: Pick<InboundRepository, 'settle'>;
      notices: Pick<InboundNotices, 'replyEmpty'>;
      limiter: Pick<RateLimiter, 'hitAll'>;
      settings: { domain: string };
      clock: () => Date;
    },
  ) {
    this.answers = new SenderAnswers(deps);
  }

  async settle(
    message: Received,
    report: Report,
    language: Language,
    settled: Record<string, unknown> & { reportId: number },
  ): Promise<InboundResult> {
    const { mail } = message;
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      // Its sender may speak on the report: a recipient of it, or staff.
      const answer = await this.answers.may(trx, mail, report, true, 'reply-empty');
      if (answer)
        await this.deps.notices.replyEmpty(trx, { email: mail.from, language, staff: true }, report);
      const detail = answer ? 'empty; answered' : 'empty';
      await this.deps.inbound.settle(trx, message.id, { ...settled, outcome: 'applied', detail }, now);
    });
    return { outcome: 'applied', reportRef: report.ref };
  }
}
