import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { DeadLetter, OutboxRepository } from '../../mail/outbox-repository.js';
import { NotFoundError } from '../../web/errors.js';
import type { Actor } from '../forms.js';

/** How many dead letters the page lists at once; the rest wait until these are dealt with. */
export const DEAD_LETTERS_SHOWN = 200;

export type RetryOutcome = 'retried' | 'not-dead' | 'purged';

/** Emails that could not be delivered, and trying one again once its cause is fixed. */
export class DeadLetterAdmin {
  constructor(
    private readonly deps: {
      knex: Knex;
      outbox: Pick<OutboxRepository, 'deadLetters' | 'countDead' | 'deadLetter' | 'retryDead'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  list(): Promise<DeadLetter[]> {
    return this.deps.outbox.deadLetters(DEAD_LETTERS_SHOWN);
  }

  count(): Promise<number> {
    return this.deps.outbox.countDead();
  }

  /** Puts it back in the queue, due now with every attempt again; a purged body cannot be sent. */
  async retry(id: number, actor: Actor): Promise<RetryOutcome> {
    const { knex, outbox, audit } = this.deps;
    const now = this.deps.clock();
    return knex.transaction(async (trx) => {
      const before = await outbox.deadLetter(trx, id, true);
      if (!before) throw new NotFoundError();
      if (before.status !== 'dead') return 'not-dead';
      if (before.bodiesPurged) return 'purged';
      await outbox.retryDead(trx, id, now);
      await audit.append(
        trx,
        {
          ...actor,
          action: 'outbox.retry',
          objectType: 'outbox',
          objectId: id,
          before: {
            status: before.status,
            attempts: before.attempts,
            lastError: before.lastError,
            to: before.to.email,
          },
          after: { status: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), to: before.to.email },
        },
        now,
      );
      return 'retried';
    });
  }
}
