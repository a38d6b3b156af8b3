import { createHash } from 'node:crypto';
import type { AddressObject } from 'mailparser';
import { readMessage, type ReadMessage } from './read-message.js';
import { readReplyParts, type ReplyParts } from './reply-parts.js';

export { MAIL_PARSER_OPTIONS } from './read-message.js';

/*
 * The one shape both inbound doors (SMTP receiver and webhook) hand to the rules in this folder.
 * It is deliberately small and plain so the rules can be unit-tested with object literals.
 */

export interface InboundAttachment {
  contentType: string;
  content: Buffer;
  filename?: string;
  /** Set for images embedded in the HTML body (signature logos), which are not report photos. */
  contentId?: string;
}

export interface InboundMail {
  /** Message-ID without angle brackets; undefined when the sender set none. */
  messageId: string | undefined;
  /** Message-ID, or a hash of the raw message when there is none: the idempotency key. */
  dedupeKey: string;
  /** First occurrence of each header, lower-case name, unfolded raw value. */
  headers: Readonly<Record<string, string>>;
  subject: string;
  /** Sender address, lower-cased; '' when missing. */
  from: string;
  /**
   * How many addresses From names (groups counted through), or how many From headers there are
   * when more than one (RFC 5322 allows one): a reply is believed from one address only.
   */
  fromCount: number;
  fromName: string;
  /** To, Cc, Delivered-To and X-Original-To addresses, lower-cased: where to look for ours. */
  recipients: string[];
  /** To and Cc alone, lower-cased: what the writer addressed (and a DKIM signature may cover). */
  addressedTo: string[];
  inReplyTo: string | undefined;
  /** The text/plain body as the sender wrote it; never HTML converted by the parser. */
  text: string | undefined;
  html: string | undefined;
  attachments: InboundAttachment[];
  /** Every Authentication-Results header, topmost (added last, closest to us) first. */
  authenticationResults: string[];
  /**
   * What the sender wrote in this message only: its first text part and its own photos, never
   * an attached or inline original (which holds the report, the resident's contact and links).
   */
  reply: ReplyParts;
}

export async function parseInboundMail(raw: Buffer | string): Promise<InboundMail> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
  const [parsed, reply] = await Promise.all([readMessage(bytes), readReplyParts(bytes)]);
  return toInboundMail(parsed, bytes, reply);
}

export function toInboundMail(parsed: ReadMessage, raw: Buffer | string, reply?: ReplyParts): InboundMail {
  const headers = rawHeaders(parsed);
  const messageId = stripAngles(parsed.messageId);
  const fromAddress = parsed.from?.value[0];
  return {
    messageId,
    dedupeKey: messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    headers,
    subject: parsed.subject ?? '',
    from: (fromAddress?.address ?? '').toLowerCase(),
    fromCount: fromCountOf(parsed),
    fromName: fromAddress?.name ?? '',
    recipients: recipientAddresses(parsed, headers),
    addressedTo: recipientAddresses(parsed, {}),
    inReplyTo: stripAngles(parsed.inReplyTo),
    text: parsed.text === '' ? undefined : parsed.text,
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    attachments: parsed.attachments.map((attachment) => ({
      contentType: attachment.contentType.toLowerCase(),
      content: attachment.content,
      ...(attachment.filename === undefined ? {} : { filename: attachment.filename }),
      ...(attachment.cid === undefined ? {} : { contentId: attachment.cid }),
    })),
    authenticationResults: allHeaderValues(parsed, 'authentication-results'),
    reply: reply ?? { text: undefined, html: undefined, images: [], documents: [] },
  };
}

function allHeaderValues(parsed: ReadMessage, name: string): string[] {
  return parsed.headerLines
    .filter((header) => header.key === name)
    .map(({ line }) =>
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

// The raw header lines keep values such as `Return-Path: <>` that the structured parse turns into
// address objects; the first occurrence is the one added last, by the server closest to us.
function fromCountOf(parsed: ReadMessage): number {
  const fields = parsed.headerLines.filter(({ key }) => key === 'from').length;
  const addresses = (parsed.from?.value ?? []).flatMap((entry) => entry.group ?? [entry]).length;
  return fields > 1 ? Math.max(fields, addresses) : addresses;
}

function rawHeaders(parsed: ReadMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    if (Object.hasOwn(headers, key)) continue;
    const colon = line.indexOf(':');
    headers[key] = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return headers;
}

function recipientAddresses(parsed: ReadMessage, headers: Record<string, string>): string[] {
  const found = new Set<string>();
  const add = (value: string | undefined): void => {
    const address = value?.trim().replace(/^<|>$/g, '').toLowerCase();
    if (address && address.includes('@')) found.add(address);
  };
  for (const field of [parsed.to, parsed.cc]) {
    for (const object of toArray(field)) {
      for (const entry of object.value) {
        add(entry.address);
        for (const member of entry.group ?? []) add(member.address);
      }
    }
  }
  add(headers['delivered-to']);
  add(headers['x-original-to']);
  return [...found];
}

function toArray(field: AddressObject | AddressObject[] | undefined): AddressObject[] {
  if (field === undefined) return [];
  return Array.isArray(field) ? field : [field];
}

function stripAngles(id: string | undefined): string | undefined {
  const trimmed = id?.trim().replace(/^<|>$/g, '');
  return trimmed ? trimmed : undefined;
}
