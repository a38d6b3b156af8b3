import type { Knex } from 'knex';
import { ERASED_ADDRESS, maskWhole } from '../mail/erasure.js';
import { findBounceAddress } from '../mail/inbound/bounce-address.js';
import type { OutboxMessage } from '../mail/outbox-repository.js';
import type { InboundResult, Received } from './handled.js';
import type { RawMailStore } from './raw-store.js';
import type { InboundRepository } from './repository.js';

export interface AutoReplyDeps {
  knex: Knex;
  inbound: Pick<InboundRepository, 'settle' | 'forgetRaw' | 'forgetEnvelopeSender'>;
  outbox: {
    find(id: number): Promise<OutboxMessage | undefined>;
    byMessageId(id: string): Promise<OutboxMessage | undefined>;
  };
  rawMail: Pick<RawMailStore, 'delete'>;
  settings: { secret: string; domain: string };
  clock: () => Date;
}

// A Message-ID as the outbox keeps it, with its angle brackets; References may list several.
const MESSAGE_ID = /<[^<>\s]{1,250}>/g;

/**
 * An automatic answer (out of office) is kept for staff with its sender, subject and raw message,
 * unless the email it answers went to an address erased since (on request, or lapsed: that
 * email's row keeps ERASED_ADDRESS, its Message-ID and its signed VERP address). Then, as a late
 * delivery report about such an email does, it keeps none of the address: no sender, the address
 * masked in its subject, no raw copy, no envelope sender. Nothing is stored to recognise the
 * address: the answer is tied to the email it answers, by the VERP address it came back to or
 * the Message-ID it answers (In-Reply-To, References), both of which the erased row keeps. An
 * answer tied to no email of ours (one to a reply address without either header) is kept as it came.
 */
export class AutoReplyHandler {
  constructor(private readonly deps: AutoReplyDeps) {}

  async handle(message: Received, signal: string): Promise<InboundResult> {
    const { mail } = message;
    const now = this.deps.clock();
    const answered = await this.answeredEmail(message);
    const erased = answered?.to.email === ERASED_ADDRESS;
    const rawKey = await this.deps.knex.transaction(async (trx) => {
      await this.deps.inbound.settle(
        trx,
        message.id,
        {
          outcome: 'auto_reply',
          detail: signal,
          ...(erased ? {} : { fromEmail: mail.from }),
          subject: erased && mail.from ? maskWhole(mail.subject, [mail.from]) : mail.subject,
        },
        now,
      );
      if (!erased) return null;
      await this.deps.inbound.forgetEnvelopeSender(trx, message.id);
      return this.deps.inbound.forgetRaw(trx, message.id, now);
    });
    if (rawKey) await this.deps.rawMail.delete(rawKey);
    return { outcome: 'auto_reply' };
  }

  private async answeredEmail(message: Received): Promise<OutboxMessage | undefined> {
    const addresses = [...message.mail.recipients, ...(message.envelope?.rcptTo ?? [])];
    const verp = findBounceAddress(addresses, this.deps.settings);
    if (verp) return this.deps.outbox.find(verp.outboxId);
    const { inReplyTo } = message.mail;
    const ids = [
      ...(inReplyTo ? [`<${inReplyTo}>`] : []),
      ...((message.mail.headers.references ?? '').match(MESSAGE_ID) ?? []).reverse(),
    ];
    for (const id of new Set(ids)) {
      const found = await this.deps.outbox.byMessageId(id);
      if (found) return found;
    }
    return undefined;
  }
}
