import { contactCardStart, signedNameStart } from './contact-card.js';
import { disclaimerStart } from './disclaimers.js';
import { htmlToText } from './html-to-text.js';
import { isDeviceFooter, isSignOff, isThanksClosing } from './signoffs.js';

/*
 * Finds what a person actually wrote in a reply: the quoted notification, the reply header of
 * their mail client, their signature and their phone's footer are removed. The result becomes a
 * public update, so when unsure we cut more rather than publish the quoted notification again.
 * (What survives is still masked by mask.ts before it is shown: these rules find the end of the
 * answer, they are not what keeps addresses and links private.)
 */

// The new text of a reply is at the top; 100,000 characters is far more than anyone types, and
// the cap keeps every line-by-line pass cheap on a 25 MB message.
export const MAX_TEXT_LENGTH = 100_000;
// Header patterns are only tried on lines of a plausible length.
const MAX_HEADER_LINE = 300;

export interface ReplySource {
  text?: string | null | undefined;
  html?: string | false | null | undefined;
}

interface ReplyHeader {
  /** 'attribution' is followed by >-quoted lines; 'block' by the unquoted original. */
  kind: 'attribution' | 'block';
  start: number;
  end: number;
}

const SEPARATOR_MARKERS: readonly RegExp[] = [
  /^-{2,}\s*(?:original message|s[aā]kotn[eē]j(?:ais|[aā]) (?:zi[nņ]ojums|zi[nņ]a|v[eē]stule)|исходное сообщение|оригинальное сообщение)\s*-{2,}$/iu,
  /^-{2,}\s*(?:forwarded message|p[aā]rs[uū]t[iī]t(?:[aā]|ais) (?:zi[nņ]a|zi[nņ]ojums|v[eē]stule)|пересылаемое сообщение|переадресованное сообщение|пересланное сообщение)\s*-{2,}$/iu,
  /^(?:begin forwarded message|s[aā]kums p[aā]rs[uū]t[iī]tajam zi[nņ]ojumam|начало переадресованного сообщения)\s*:$/iu,
];
// First and second line of an Outlook-style header block ("From: … / Sent: …"), optionally in
// *bold* as Gmail renders Outlook's HTML header as text.
const FROM_FIELD = /^\*?(?:from|no|от|von|de)\s*:\*?\s*\S/iu;
const SENT_FIELD = /^\*?(?:sent|date|nos[uū]t[iī]ts|datums|отправлено|дата|gesendet)\s*:/iu;
const ATTRIBUTION_END =
  /(?:wrote|rakst[iī]ja|пишет|писал|написал|написала|написал\(а\)|писал\(а\)|schrieb|a écrit)\s*:\s*$|<[^<>\s]+@[^<>\s]+>\s*:\s*$/iu;
const WRAPPED_ADDRESS_END = /^[^<>\s]+@[^<>\s]+>\s*:\s*$/u;
const ATTRIBUTION_EVIDENCE = /\d|@/;
// What the first half of a wrapped attribution looks like: "On …", an address, a time or a date.
const WRAPPED_ATTRIBUTION_START = /^on\s|@|<|\d{1,2}:\d{2}|\d{1,4}[./-] ?\d{1,2}[./-] ?\d{2,4}|\d{4}\./i;
// A header field in any language ("Nuo: …", "Od: …", "Saatja: …"), optionally in *bold*: the
// header block of a client whose words we do not know is recognised by its shape instead.
const ANY_FIELD = /^\*?\p{L}[\p{L}\p{M} .'’-]{0,24}\*?:\*?[ \t]+\S/u;
const TIME = /\d{1,2}:\d{2}/;
const OUTLOOK_RULE = /^_{10,}$/;
const SIGNATURE_DELIMITER = /^--\s*$/;
const TRAILING_RULE = /^(?:[-_=*]\s*){5,}$/;
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The new text of a reply as plain text. Uses the text/plain body when the sender gave one, and
 * otherwise converts the HTML (with quote blocks removed before flattening).
 */
export function extractReplyText(source: ReplySource): string {
  if (typeof source.text === 'string' && source.text.trim() !== '') return stripQuotedText(source.text);
  if (typeof source.html === 'string' && source.html.trim() !== '') {
    const text = htmlToText(source.html, { dropQuotes: true });
    return stripQuotedText(collapseHtmlWhitespace(text));
  }
  return '';
}

/** Removes reply headers, >-quoted lines, signatures, sign-offs, contact cards and device footers. */
export function stripQuotedText(text: string): string {
  const lines = toSafeText(text.slice(0, MAX_TEXT_LENGTH))
    .split('\n')
    .map((line) => line.trimEnd());
  const unquoted = cutAtReplyHeader(lines).filter((line) => !isQuoted(line));
  return tidy(cutAtSignature(unquoted));
}

/** Line endings unified, Unicode composed, and control and bidi-override characters removed. */
export function toSafeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').replace(UNSAFE_CHARACTERS, '');
}

function cutAtReplyHeader(lines: string[]): string[] {
  let from = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const header = replyHeaderAt(lines, i);
    if (header === undefined) continue;
    const before = lines.slice(from, header.start);
    if (before.some((line) => line.trim() !== '' && !isQuoted(line))) return before;
    // Nothing above the header: either the answer is below the quote (bottom-posting), or there
    // is no answer and what follows is the original message, which must not be published.
    if (header.kind === 'block') return [];
    from = header.end;
    i = header.end - 1;
  }
  return lines.slice(from);
}

function replyHeaderAt(lines: readonly string[], i: number): ReplyHeader | undefined {
  const line = lines[i]!.trim();
  if (line === '' || line.length > MAX_HEADER_LINE || isQuoted(line)) return undefined;
  if (SEPARATOR_MARKERS.some((marker) => marker.test(line))) return { kind: 'block', start: i, end: i + 1 };
  return headerBlockAt(lines, i) ?? anyLanguageHeaderBlockAt(lines, i) ?? attributionAt(lines, i);
}

// "From: … / Sent: …" in a language we know, the Sent line at most four lines further down.
function headerBlockAt(lines: readonly string[], i: number): ReplyHeader | undefined {
  if (!FROM_FIELD.test(lines[i]!.trim())) return undefined;
  for (let j = i + 1; j <= i + 4 && j < lines.length; j += 1) {
    if (SENT_FIELD.test(lines[j]!.trim())) return { kind: 'block', start: i, end: j + 1 };
  }
  return undefined;
}

/*
 * At least three header fields in a row, the first naming an address (or standing under
 * Outlook's rule of underscores) and one of the next three giving a time: From, Sent, To in
 * whatever language the sender's client speaks. A list the clerk typed ("Adrese: …") rarely has
 * an address followed by a time, and when it does we cut too much rather than publish too much.
 */
function anyLanguageHeaderBlockAt(lines: readonly string[], i: number): ReplyHeader | undefined {
  const first = lines[i]!.trim();
  if (!ANY_FIELD.test(first)) return undefined;
  const underRule = i > 0 && OUTLOOK_RULE.test(lines[i - 1]!.trim());
  if (!first.includes('@') && !underRule) return undefined;
  let timed = false;
  let j = i + 1;
  for (; j <= i + 3 && j < lines.length; j += 1) {
    const field = lines[j]!.trim();
    if (field.length > MAX_HEADER_LINE || !ANY_FIELD.test(field)) break;
    timed ||= TIME.test(field);
  }
  return timed && j - i >= 3 ? { kind: 'block', start: i, end: j } : undefined;
}

function attributionAt(lines: readonly string[], i: number): ReplyHeader | undefined {
  const line = lines[i]!.trim();
  // Clients wrap long attributions ("On Mon, 2 Mar 2026 at 10:15, Tilts <…>\nwrote:" or
  // "… Tilts <\nr-…@tilts.example.org> rakstīja:"). A second half that names a date or address on
  // its own is a whole attribution, and the line above it is the end of the answer.
  const previous = i > 0 ? lines[i - 1]!.trim() : '';
  const openAngle = previous.lastIndexOf('<') > previous.lastIndexOf('>');
  // Gmail in Russian ends its attribution with the address and a colon, no verb: wrapped, the
  // second half is only "tilts@…>:", whose "<" is on the line above.
  if (!ATTRIBUTION_END.test(line) && !(openAngle && WRAPPED_ADDRESS_END.test(line))) return undefined;
  const wrapped =
    previous !== '' &&
    previous.length <= MAX_HEADER_LINE &&
    !isQuoted(previous) &&
    !/[.!?…]$/.test(previous) &&
    (openAngle || (!ATTRIBUTION_EVIDENCE.test(line) && WRAPPED_ATTRIBUTION_START.test(previous)));
  const start = wrapped ? i - 1 : i;
  const whole = wrapped ? `${previous} ${line}` : line;
  // A real attribution names a date or an address; "Kā Jānis rakstīja:" in running text does not.
  if (!ATTRIBUTION_EVIDENCE.test(whole)) return undefined;
  return { kind: 'attribution', start, end: i + 1 };
}

// The answer ends at the "-- " delimiter, a phone's footer, a sign-off line or thanks above a
// name; a contact card left at the very end without any of them goes too.
function cutAtSignature(lines: string[]): string[] {
  const start = signatureStart(lines);
  return start === undefined ? lines : lines.slice(0, start);
}

/**
 * Where a signature begins (a delimiter, a device footer, a sign-off, thanks above a name, or a
 * contact card at the end), or undefined when the lines hold none: what a reply loses before it
 * is published.
 */
export function signatureStart(lines: readonly string[]): number | undefined {
  // A confidentiality or "think before you print" notice under the signature is cut first, so
  // that the signature above it is found where it ends the reply.
  const notices = disclaimerStart(lines);
  const body = notices === undefined ? lines : lines.slice(0, notices);
  const end = body.findIndex(
    (line, i) =>
      SIGNATURE_DELIMITER.test(line) ||
      isDeviceFooter(line) ||
      isSignOff(line) ||
      isThanksClosing(line, body[i + 1]),
  );
  // A card or a name can stand above the sign-off too: the answer ends where the first begins.
  const answer = end === -1 ? body : body.slice(0, end);
  return contactCardStart(answer) ?? signedNameStart(answer) ?? (end === -1 ? notices : end);
}

/**
 * The first line of the signature a text ends with (as typed, trimmed), or undefined: for a form
 * that publishes what staff type, which must not carry a sign-off, a name or a contact card.
 */
export function signatureLine(text: string): string | undefined {
  const lines = toSafeText(text.slice(0, MAX_TEXT_LENGTH))
    .split('\n')
    .map((line) => line.trimEnd());
  const start = signatureStart(lines);
  return start === undefined ? undefined : lines[start]!.trim();
}

function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}

// HTML text nodes keep runs of spaces and non-breaking spaces that had layout meaning only.
function collapseHtmlWhitespace(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n');
}

// Drops leading and trailing blank lines and rules, and runs of more than one blank line.
function tidy(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && (lines[end - 1]!.trim() === '' || TRAILING_RULE.test(lines[end - 1]!.trim())))
    end -= 1;
  const kept: string[] = [];
  for (const line of lines.slice(start, end)) {
    if (line.trim() === '' && kept.at(-1) === '') continue;
    kept.push(line.trim() === '' ? '' : line);
  }
  return kept.join('\n');
}
