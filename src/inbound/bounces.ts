import type { Knex } from 'knex';
import { ERASED_ADDRESS, maskWhole } from '../mail/erasure.js';
import { findBounceAddress } from '../mail/inbound/bounce-address.js';
import { originalMessageIds, type Bounce } from '../mail/inbound/delivery-status.js';
import type { OutboxMessage } from '../mail/outbox-repository.js';
import type { ContactRepository } from '../contacts/repository.js';
import type { Notifier } from '../notifications/notifier.js';
import type { RawMailStore } from './raw-store.js';
import type { InboundRepository } from './repository.js';
import type { InboundResult, Received } from './handled.js';

export interface BounceDeps {
  knex: Knex;
  inbound: Pick<InboundRepository, 'settle' | 'forgetRaw'>;
  contacts: Pick<ContactRepository, 'markBouncing'>;
  outbox: {
    find(id: number): Promise<OutboxMessage | undefined>;
    byMessageId(id: string): Promise<OutboxMessage | undefined>;
  };
  alerts: Pick<Notifier, 'alertAdmins'>;
  rawMail: Pick<RawMailStore, 'delete'>;
  settings: { secret: string; domain: string };
  clock: () => Date;
}

/**
 * A delivery report counts only for an email we sent, to the address that email went to: it
 * came back to that email's signed VERP address, or it quotes that email's Message-ID. Anything
 * else (a forged report naming a parish's address) is kept and changes nothing.
 */
export class BounceHandler {
  constructor(private readonly deps: BounceDeps) {}

  async handle(message: Received, bounces: readonly Bounce[]): Promise<InboundResult> {
    const { mail } = message;
    const now = this.deps.clock();
    const sent = await this.sentEmail(message);
    const ours = sent
      ? bounces.filter(
          (bounce) =>
            bounce.kind === 'permanent' && bounce.recipient.toLowerCase() === sent.to.email.toLowerCase(),
        )
      : [];
    // A report about an email whose address was erased since (on request, or lapsed) keeps none
    // of it: the recipients it names are masked, and its raw copy goes.
    const erased = sent?.to.email === ERASED_ADDRESS;
    const shown = (text: string) =>
      erased ? bounces.reduce((masked, bounce) => maskWhole(masked, [bounce.recipient]), text) : text;
    const listed = shown(
      bounces.map((bounce) => `${bounce.kind} ${bounce.status} ${bounce.recipient}`).join('; '),
    );
    const detail = sent
      ? `${listed || 'no failed recipients'} (outbox ${sent.id})`
      : `${listed || 'no failed recipients'}; not about an email we sent: nothing changed`;
    const rawKey = await this.deps.knex.transaction(async (trx) => {
      for (const bounce of ours) {
        const contacts = await this.deps.contacts.markBouncing(trx, bounce.recipient, now);
        if (contacts.length > 0)
          await this.deps.alerts.alertAdmins(trx, {
            kind: 'bounce-alert',
            data: { contacts, status: bounce.status },
          });
      }
      await this.deps.inbound.settle(
        trx,
        message.id,
        {
          outcome: 'bounce',
          detail,
          fromEmail: mail.from,
          subject: shown(mail.subject),
          reportId: sent?.reportId ?? null,
        },
        now,
      );
      return erased ? this.deps.inbound.forgetRaw(trx, message.id, now) : null;
    });
    if (rawKey) await this.deps.rawMail.delete(rawKey);
    return { outcome: 'bounce' };
  }

  private async sentEmail(message: Received): Promise<OutboxMessage | undefined> {
    const addresses = [...message.mail.recipients, ...(message.envelope?.rcptTo ?? [])];
    const verp = findBounceAddress(addresses, this.deps.settings);
    if (verp) return this.deps.outbox.find(verp.outboxId);
    for (const id of originalMessageIds(message.mail.attachments)) {
      const found = await this.deps.outbox.byMessageId(id);
      if (found) return found;
    }
    return undefined;
  }
}
