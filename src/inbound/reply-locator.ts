import type { Knex } from 'knex';
import { extractReplyText } from '../mail/inbound/quotes.js';
import { addressSpellings } from '../mail/address-key.js';
import {
  findReplyAddress,
  normaliseEmail,
  parseReplyAddress,
  verifyReplyAddress,
} from '../mail/inbound/reply-address.js';
import type { ContactRepository } from '../contacts/repository.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Recipient, Report } from '../reports/types.js';
import type { RoutingRepository } from '../routing/repository.js';
import type { InboundResult, Received } from './handled.js';
import type { HeldReplies } from './held-replies.js';
import type { InboundRepository } from './repository.js';

/** A reply's report, found by its signed address: the report, its recipients, and the language answered. */
export type Located =
  | {
      ok: true;
      report: Report;
      recipients: Recipient[];
      language: Recipient['language'];
      /**
       * Whether To or Cc names the address: a signature covering them then says it was written
       * about this report. A signed reply to one report, delivered (or handed to the webhook with a
       * Delivered-To) for another whose address its holder knows, proves nothing of that other.
       */
      addressed: boolean;
    }
  | { ok: false; result: InboundResult };

/**
 * Reads the signed reply address a message was sent to: the report it names and the recipient it
 * was made for. A message to no such address, or to a forged one, is settled here; one signed for
 * its sender whom the report no longer reaches is held.
 */
export class ReplyLocator {
  constructor(
    private readonly deps: {
      knex: Knex;
      inbound: Pick<InboundRepository, 'settle'>;
      reports: Pick<ReportRepository, 'byRef'>;
      contacts: Pick<ContactRepository, 'byEmail'>;
      recipients: Pick<RoutingRepository, 'recipients'>;
      held: Pick<HeldReplies, 'hold'>;
      settings: { secret: string; domain: string };
    },
  ) {}

  /**
   * The report a message's signed reply address names, and its recipients; or the message settled
   * as sent to an unknown address, or to a forged one (a signature not made for its recipient).
   */
  async locate(message: Received, now: Date): Promise<Located> {
    const { inbound, reports, settings } = this.deps;
    const { mail, id } = message;
    // The envelope's recipient is what the mail server delivered this copy for (the door records one
    // delivery per reply address it names; for the webhook's, per reply address its headers name).
    // To and Cc, which anyone may write, count only for a message with no reply address in its
    // envelope (one received before webhook messages had one), and then only the first found.
    const delivered = (message.envelope?.rcptTo ?? []).map((to) => to.toLowerCase());
    const envelopeAddress = findReplyAddress(delivered, settings.domain);
    // Without one, the receiving server's Delivered-To or X-Original-To before what the writer wrote.
    const deliveredTo = [mail.headers['delivered-to'], mail.headers['x-original-to']].flatMap((to) =>
      to ? [to.toLowerCase()] : [],
    );
    const addresses = envelopeAddress ? delivered : [...deliveredTo, ...mail.recipients, ...delivered];
    const address = envelopeAddress ?? findReplyAddress(addresses, settings.domain);
    const parsed = address ? parseReplyAddress(address, { domain: settings.domain }) : undefined;
    const report = parsed?.ok ? await reports.byRef(parsed.ref) : undefined;
    const header = { fromEmail: mail.from, subject: mail.subject };
    if (!address || !parsed?.ok || !report) {
      const detail = address ?? addresses.join(', ');
      await inbound.settle(this.deps.knex, id, { outcome: 'unknown_address', detail, ...header }, now);
      return { ok: false, result: { outcome: 'unknown_address' } };
    }
    const recipients = await this.deps.recipients.recipients(report.id);
    const verified = verifyReplyAddress(address, {
      secret: settings.secret,
      domain: settings.domain,
      recipients: recipients.map((recipient) => recipient.email),
    });
    if (!verified.ok) {
      // Signed for its sender, whom the report no longer reaches: it moved to another parish or
      // category (RoutingService.reroute). Not forged: held for the social worker, as from anyone.
      const spellings = mail.from ? addressSpellings(mail.from) : [];
      if (mail.from && verifyReplyAddress(address, { ...settings, recipients: spellings }).ok) {
        const settled = { reportId: report.id, fromEmail: mail.from, subject: mail.subject };
        const reason = { code: 'moved' as const, detail: mail.from };
        const text = extractReplyText(mail.reply);
        // The address was made for the sender: Tilts wrote to it, and may tell it why, in the
        // language its contact reads (the recipient row it answered is gone with the move).
        const language = (await this.deps.contacts.byEmail(mail.from))?.language ?? 'lv';
        const sender = { trusted: true, language, staff: true };
        return {
          ok: false,
          result: await this.deps.held.hold(message, report, recipients, { text, reason, settled, sender }),
        };
      }
      const forged = { outcome: 'forged' as const, detail: verified.reason, reportId: report.id, ...header };
      await inbound.settle(this.deps.knex, id, forged, now);
      return { ok: false, result: { outcome: 'forged', reportRef: report.ref } };
    }
    // Answers to the sender go in the language of the email they answered: its recipient's.
    const addressee = recipients.find((recipient) => normaliseEmail(recipient.email) === verified.recipient);
    const addressed = mail.addressedTo.includes(address.toLowerCase());
    return { ok: true, report, recipients, language: addressee?.language ?? 'lv', addressed };
  }
}
