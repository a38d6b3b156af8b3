import MailComposer from 'nodemailer/lib/mail-composer';
import type { SendMailOptions } from 'nodemailer';
import type { OutboxMessage } from './outbox-repository.js';

export const SENDER_NAME = 'Tilts';

/**
 * Not a header that leaves: `'X-Tilts-Envelope-From': '<>'` in an email's headers sends it with an
 * empty envelope sender (MAIL FROM:<>), as RFC 3834 asks of automatic answers, so a robot that
 * answers it cannot start a mail loop (its answer goes nowhere).
 */
export const ENVELOPE_FROM_HEADER = 'X-Tilts-Envelope-From';

export interface ComposeOptions {
  mailFrom: string;
  date?: Date;
  /**
   * The envelope sender for this row (a signed VERP address), so a delivery report names the
   * email it is about; without it the envelope sender is `mailFrom`.
   */
  bounceAddress?: ((outboxId: number) => string) | undefined;
}

/**
 * The one place an outbox row becomes an email: the SMTP transport sends exactly this, and the
 * local mailbox shows exactly this as raw source.
 */
export function composeMail(message: OutboxMessage, options: ComposeOptions): SendMailOptions {
  const { mailFrom, date, bounceAddress } = options;
  const headers: Record<string, string> = {
    // RFC 3834: an automatic email; out-of-office responders must not answer it.
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'OOF, AutoReply',
  };
  let nullSender = false;
  for (const [name, value] of Object.entries(message.headers)) {
    if (name.toLowerCase() === ENVELOPE_FROM_HEADER.toLowerCase()) nullSender = value.trim() === '<>';
    else {
      // The caller's header replaces ours whatever its case (`auto-submitted: auto-replied`).
      for (const own of Object.keys(headers))
        if (own.toLowerCase() === name.toLowerCase()) delete headers[own];
      headers[name] = value;
    }
  }
  return {
    from: { name: SENDER_NAME, address: mailFrom },
    to: message.to.name ? { name: message.to.name, address: message.to.email } : message.to.email,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    messageId: message.messageId,
    ...(date ? { date } : {}),
    text: message.text,
    html: message.html,
    headers,
    ...(nullSender
      ? { envelope: { from: '', to: message.to.email } }
      : bounceAddress
        ? { envelope: { from: bounceAddress(message.id), to: message.to.email } }
        : {}),
    xMailer: false,
  };
}

/** The full RFC 5322 message of a row, as SMTP would carry it (dated when it was written). */
export async function buildRawMessage(message: OutboxMessage, mailFrom: string): Promise<Buffer> {
  return new MailComposer(composeMail(message, { mailFrom, date: message.createdAt })).compile().build();
}
