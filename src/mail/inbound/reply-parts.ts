import { Splitter } from '@zone-eu/mailsplit';
import type { SplitterChunk } from '@zone-eu/mailsplit';
import { decodeCharset, decodeFlowed, decodeTransferEncoding } from './mime-decode.js';

/*
 * Finds what a reply says, and nothing else, in the raw message. mailparser's simpleParser joins
 * every text part into one `text` and descends into an inline message/rfc822, so when Outlook put
 * the original notification inline, the reporter's address, phone and a working action link were
 * published. Here only the first text body of the top-level message counts.
 *
 * The MIME tree is split by @zone-eu/mailsplit, the streaming splitter mailparser itself is built
 * on (the maintained successor of the `mailsplit` package, and already in our tree at the same
 * version). It finds boundaries, parses headers (RFC 2047 and 2231 parameters included) and, with
 * `ignoreEmbedded`, never opens an attached or inline message/rfc822, so nothing inside one can be
 * mistaken for the reply. postal-mime was the other candidate, but it returns a flattened result
 * (all text joined, rfc822 parts parsed) rather than a tree, which is the behaviour we must avoid.
 */

export interface ReplyImage {
  contentType: string;
  filename?: string;
  content: Buffer;
}

export interface ReplyParts {
  /** The text/plain body of the reply, decoded; undefined when there is none. */
  text: string | undefined;
  /** The text/html body of the same reply, decoded; undefined when there is none. */
  html: string | undefined;
  /** Photos the sender attached; never images embedded by the HTML or inside a quoted message. */
  images: ReplyImage[];
  /**
   * The names of other files the sender attached (a PDF or .edoc of the answer): Tilts passes
   * none of them on, so a reply that carries one is not published as it stands.
   */
  documents: string[];
}

/** Decoded bytes kept of one text part: far more than anyone writes in a reply. */
export const MAX_TEXT_BYTES = 1_000_000;
export const MAX_IMAGES = 10;
export const MAX_IMAGE_BYTES = 10_000_000;
// Base64 needs 4/3 of the decoded size and quoted-printable up to 3 bytes per byte (plus soft line
// breaks), so four times the limit always holds enough raw bytes and bounds what one part keeps.
const RAW_BYTES_PER_DECODED_BYTE = 4;
// A real reply has a handful of parts; thousands are an attack on our time.
const MAX_PARTS = 500;

type MimeNode = Extract<SplitterChunk, { type: 'node' }>;

interface Part {
  contentType: string;
  multipart: string | false;
  attachment: boolean;
  charset: string | false;
  encoding: string | false;
  filename: string | undefined;
  contentId: string | undefined;
  flowed: boolean;
  delSp: boolean;
  children: Part[];
  body: Buffer[];
  bodySize: number;
}

interface Bodies {
  text?: Part;
  html?: Part;
}

/**
 * The reply's own text and HTML bodies and attached photos. Damage after the headers (a missing
 * boundary, bad base64, an unknown charset, too many parts) yields what could be read; only a
 * message without a single header line is rejected.
 */
export async function readReplyParts(raw: Buffer): Promise<ReplyParts> {
  const root = await splitMessage(raw);
  const bodies = findBodies(root, true);
  const html = bodies.html === undefined ? undefined : readText(bodies.html);
  return {
    text: bodies.text === undefined ? undefined : readText(bodies.text),
    html,
    images: collectImages(root, referencedContentIds(html ?? '')),
    documents: collectDocuments(root),
  };
}

async function splitMessage(raw: Buffer): Promise<Part> {
  const splitter = new Splitter({ ignoreEmbedded: true, maxChildNodes: MAX_PARTS });
  const parts = new Map<MimeNode, Part>();
  let root: Part | undefined;
  splitter.end(raw);
  try {
    for await (const chunk of splitter as AsyncIterable<SplitterChunk>) {
      if (chunk.type === 'node') {
        if (chunk.root && !hasHeaderField(chunk)) break;
        const part = toPart(chunk);
        parts.set(chunk, part);
        const parent = chunk.parentNode === false ? undefined : parts.get(chunk.parentNode);
        if (chunk.root) root = part;
        else (parent ?? root)?.children.push(part);
      } else if (chunk.type === 'body') {
        const part = parts.get(chunk.node);
        if (part !== undefined) keepBody(part, chunk.value);
      }
    }
  } catch {
    // An error part-way (too many parts, an oversized header) leaves the parts read before it.
  }
  if (root === undefined) throw new Error('The message has no parsable header');
  return root;
}

// Without one "Name: value" line the bytes are not a message, only text that looks like one.
function hasHeaderField(node: MimeNode): boolean {
  const lines = node.headers === false ? [] : node.headers.getList();
  return lines.some((header) => /^[!-9;-~]+[ \t]*:/.test(header.line));
}

function toPart(node: MimeNode): Part {
  const contentId = node.headers === false ? '' : node.headers.getFirst('content-id');
  const disposition = typeof node.disposition === 'string' ? node.disposition.toLowerCase() : '';
  return {
    contentType: (node.contentType || 'text/plain').toLowerCase(),
    multipart: node.multipart === false ? false : node.multipart.toLowerCase(),
    // A file name marks an attachment even when the sender's client called it inline.
    attachment: disposition === 'attachment' || Boolean(node.filename),
    charset: node.charset,
    encoding: node.encoding === false ? false : node.encoding.toLowerCase(),
    filename: node.filename || undefined,
    contentId: normaliseContentId(contentId),
    flowed: node.flowed,
    delSp: node.delSp,
    children: [],
    body: [],
    bodySize: 0,
  };
}

// Only text and image leaves are ever read; their raw bytes are kept up to what the limits need.
function keepBody(part: Part, value: Buffer): void {
  const wanted = part.contentType.startsWith('text/') || part.contentType.startsWith('image/');
  const limit = (isImage(part) ? MAX_IMAGE_BYTES : MAX_TEXT_BYTES) * RAW_BYTES_PER_DECODED_BYTE;
  if (!wanted || part.bodySize > limit) return;
  part.body.push(value);
  part.bodySize += value.length;
}

/*
 * The first text body: the part itself when it is text, the text/plain and text/html
 * alternatives of a multipart/alternative, and for any other multipart (mixed, related, signed,
 * report) the first child that is a text body or a multipart, and nothing after it: a second
 * text part is the quoted original, a delivery report or a footer added by a list server.
 */
function findBodies(part: Part, top: boolean): Bodies {
  if (part.multipart === false) {
    if (!top && part.attachment) return {};
    if (part.contentType === 'text/plain') return { text: part };
    if (part.contentType === 'text/html') return { html: part };
    return {};
  }
  if (part.multipart === 'alternative') return findAlternatives(part.children);
  const first = part.children.find((child) => child.multipart !== false || isTextBody(child));
  return first === undefined ? {} : findBodies(first, false);
}

function findAlternatives(children: readonly Part[]): Bodies {
  const found: Bodies = {};
  for (const child of children) {
    const bodies = findBodies(child, false);
    found.text ??= bodies.text;
    found.html ??= bodies.html;
  }
  return found;
}

function isTextBody(part: Part): boolean {
  return !part.attachment && (part.contentType === 'text/plain' || part.contentType === 'text/html');
}

function readText(part: Part): string {
  const bytes = decodeTransferEncoding(Buffer.concat(part.body), part.encoding);
  const kept = bytes.length > MAX_TEXT_BYTES ? bytes.subarray(0, MAX_TEXT_BYTES) : bytes;
  let text = decodeCharset(kept, part.charset);
  // Cutting the bytes can split a character, which decodes as one replacement character.
  if (kept !== bytes) text = text.replace(/\ufffd$/, '');
  return part.flowed ? decodeFlowed(text, part.delSp) : text;
}

/*
 * Image leaves anywhere in the top-level message, in order, except those the HTML shows through a
 * cid: link (signature logos, pasted screenshots the text already describes). Nothing inside a
 * message/rfc822 is reached, as those parts are never split. An image over the size limit is
 * dropped rather than cut, since a truncated photo is useless.
 */
function collectImages(root: Part, referenced: ReadonlySet<string>): ReplyImage[] {
  const images: ReplyImage[] = [];
  const visit = (part: Part): void => {
    for (const child of part.children) {
      if (images.length >= MAX_IMAGES) return;
      if (child.multipart !== false) visit(child);
      else if (isImage(child) && !(child.contentId !== undefined && referenced.has(child.contentId)))
        addImage(images, child);
    }
  };
  if (root.multipart === false) {
    if (isImage(root)) addImage(images, root);
  } else {
    visit(root);
  }
  return images;
}

// What a mail client attaches by itself beside a reply: a signature of the message (S/MIME, PGP),
// a contact card, Outlook's rich-text wrapper. None of these is the answer.
const NOT_DOCUMENTS =
  /^(?:application\/(?:x-)?pkcs7-signature|application\/pgp-(?:signature|keys)|application\/ms-tnef|text\/(?:x-)?vcard|message\/.*)$/;

/*
 * The file names of the leaves of the top-level message that are attached files but neither
 * photos nor the reply's own text: nothing inside a message/rfc822 (never split), nothing a client
 * adds by itself (NOT_DOCUMENTS).
 */
function collectDocuments(root: Part): string[] {
  const documents: string[] = [];
  const visit = (part: Part): void => {
    if (part.multipart !== false) {
      for (const child of part.children) visit(child);
      return;
    }
    if (!part.attachment || isImage(part) || NOT_DOCUMENTS.test(part.contentType)) return;
    documents.push(part.filename ?? part.contentType);
  };
  if (root.multipart !== false) visit(root);
  return documents;
}

function addImage(images: ReplyImage[], part: Part): void {
  if (part.bodySize > MAX_IMAGE_BYTES * RAW_BYTES_PER_DECODED_BYTE) return;
  const content = decodeTransferEncoding(Buffer.concat(part.body), part.encoding);
  if (content.length === 0 || content.length > MAX_IMAGE_BYTES) return;
  images.push({
    contentType: part.contentType,
    ...(part.filename === undefined ? {} : { filename: part.filename }),
    content,
  });
}

function isImage(part: Part): boolean {
  return part.multipart === false && part.contentType.startsWith('image/');
}

function referencedContentIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const [, id] of html.matchAll(/\bcid:([^\s"'<>)]+)/gi)) {
    const normalised = normaliseContentId(safeDecodeUri(id!));
    if (normalised !== undefined) ids.add(normalised);
  }
  return ids;
}

function normaliseContentId(id: string): string | undefined {
  const bare = id.trim().replace(/^<|>$/g, '').toLowerCase();
  return bare === '' ? undefined : bare;
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
