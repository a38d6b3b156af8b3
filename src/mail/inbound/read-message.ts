import { MailParser, type AddressObject, type HeaderLines, type ParsedMail } from 'mailparser';
import { Readable } from 'node:stream';

/** The parts of a parsed message the inbound rules read (a `ParsedMail` is one too). */
export type ReadMessage = Pick<
  ParsedMail,
  'headerLines' | 'messageId' | 'subject' | 'from' | 'to' | 'cc' | 'inReplyTo' | 'text' | 'html'
> & { attachments: { contentType: string; content: Buffer; filename?: string; cid?: string }[] };

/*
 * keepDeliveryStatus: DSN fields arrive as a message/delivery-status attachment instead of being
 *   appended to the body text.
 * skipHtmlToText: an HTML-only reply leaves `text` empty, so our own converter (which removes quote
 *   blocks before flattening) handles it.
 * keepCidLinks: inline images stay as cid: links instead of megabytes of data: URLs in `html`.
 */
export const MAIL_PARSER_OPTIONS = Object.freeze({
  keepDeliveryStatus: true,
  skipHtmlToText: true,
  keepCidLinks: true,
});

// The attached parts the pipeline reads: a delivery report's fields and the returned original's
// header section. Everything else (a 24 MB attachment) is read past, never held.
const KEPT_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'text/rfc822-headers',
  'message/rfc822',
  'message/global',
  'message/global-headers',
]);
const MAX_KEPT_BYTES = 64 * 1024;

/**
 * Reads a message's headers, texts and delivery-report parts with mailparser's streaming parser,
 * like `simpleParser` but without buffering attachments: memory stays near the size of the raw
 * message however large its attachments are. Photos of a reply are read separately
 * (`readReplyParts`), from the reply's own part only.
 */
export function readMessage(raw: Buffer): Promise<ReadMessage> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({ ...MAIL_PARSER_OPTIONS });
    let headers = new Map<string, unknown>();
    let headerLines: HeaderLines = [];
    let text: string | undefined;
    let html: string | false = false;
    const attachments: ReadMessage['attachments'] = [];
    parser.on('headers', (map: Map<string, unknown>) => (headers = map));
    parser.on('headerLines', (lines: HeaderLines) => (headerLines = lines));
    parser.on('data', (data: unknown) => {
      const part = data as { type: 'text'; text?: string; html?: string | boolean } | AttachmentData;
      if (part.type === 'text') {
        text = part.text;
        html = typeof part.html === 'string' ? part.html : false;
        return;
      }
      keepOrSkip(part, attachments);
    });
    parser.on('error', reject);
    parser.on('end', () => {
      const address = (name: string) => headers.get(name) as AddressObject | undefined;
      resolve({
        headerLines,
        messageId: headers.get('message-id') as string | undefined,
        subject: headers.get('subject') as string | undefined,
        from: address('from'),
        to: address('to'),
        cc: address('cc'),
        inReplyTo: headers.get('in-reply-to') as string | undefined,
        text,
        html,
        attachments,
      });
    });
    // Fed a slice at a time as the parser asks for more: the message decodes piece by piece
    // instead of all at once, so the garbage of one slice is collected before the next.
    Readable.from(slices(raw)).pipe(parser);
  });
}

const SLICE_BYTES = 256 * 1024;

function* slices(raw: Buffer): Iterable<Buffer> {
  for (let start = 0; start < raw.length; start += SLICE_BYTES)
    yield raw.subarray(start, start + SLICE_BYTES);
}

interface AttachmentData {
  type: 'attachment';
  contentType: string;
  filename?: string;
  cid?: string;
  content: Readable;
  release(): void;
}

function keepOrSkip(part: AttachmentData, attachments: ReadMessage['attachments']): void {
  const contentType = part.contentType.toLowerCase();
  const keep = KEPT_TYPES.has(contentType);
  const chunks: Buffer[] = [];
  let size = 0;
  part.content.on('data', (chunk: Buffer) => {
    if (!keep || size >= MAX_KEPT_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  part.content.on('end', () => {
    if (keep) {
      attachments.push({
        contentType,
        content: Buffer.concat(chunks).subarray(0, MAX_KEPT_BYTES),
        ...(part.filename === undefined ? {} : { filename: part.filename }),
        ...(part.cid === undefined ? {} : { cid: part.cid }),
      });
    }
    part.release();
  });
}
