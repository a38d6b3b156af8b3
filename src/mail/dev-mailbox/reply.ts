import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutboxMessage } from '../outbox-repository.js';

/** How an answer written in the dev mailbox reaches Tilts: a real SMTP delivery to its own door. */
export type DevReplySender = (raw: Buffer, envelope: { from: string; to: string }) => Promise<void>;

export function smtpDoorSender(port: number, host = '127.0.0.1'): DevReplySender {
  return async (raw, envelope) => {
    const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
    } finally {
      transport.close();
    }
  };
}

/**
 * The answer a recipient's mail client would send: from the recipient, to the email's Reply-To,
 * "Re:" subject, threaded by In-Reply-To, the new text above a quoted copy of the original.
 */
export async function composeDevReply(
  message: OutboxMessage,
  text: string,
  now: Date,
  /** Another sender than the recipient, as when a forwarded email is answered by someone else. */
  from = message.to.email,
): Promise<Buffer> {
  const quoted = message.text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
  return new MailComposer({
    from: message.to.name && from === message.to.email ? { name: message.to.name, address: from } : from,
    to: message.replyTo ?? '',
    subject: `Re: ${message.subject}`,
    inReplyTo: message.messageId,
    references: message.messageId,
    date: now,
    text: `${text.trim()}\n\n${now.toUTCString()}, Tilts wrote:\n${quoted}\n`,
    xMailer: false,
  })
    .compile()
    .build();
}
