import { toInboundMail } from '../mail/inbound/inbound-mail.js';
import { readMessage } from '../mail/inbound/read-message.js';
import { replyAddresses } from '../mail/inbound/reply-address.js';

const unbracketed = (address: string) => address.trim().replace(/^<|>$/g, '');

/**
 * The reply addresses a message that came with no SMTP envelope (the webhook's) is delivered for,
 * read from its header section as the reply locator reads them. Those the receiving server's
 * Delivered-To or X-Original-To names come first and alone, as an envelope's RCPT TO would: they
 * are the provider's envelope, and one that hands a message over once per recipient says there
 * which copy this is. Else each reply address To and Cc name, so one email answering two reports
 * reaches both. Empty when they name none (the message is read as it is, and settled there).
 */
export async function headerRecipients(head: string, domain: string): Promise<string[]> {
  const end = head.search(/\r?\n\r?\n/);
  const bytes = Buffer.from(`${end >= 0 ? head.slice(0, end) : head}\r\n\r\n`, 'latin1');
  const mail = toInboundMail(await readMessage(bytes), bytes);
  const delivered = [mail.headers['delivered-to'], mail.headers['x-original-to']].flatMap((to) =>
    to ? [unbracketed(to)] : [],
  );
  const envelope = replyAddresses(delivered, domain);
  return envelope.length > 0 ? envelope : replyAddresses(mail.addressedTo, domain);
}
