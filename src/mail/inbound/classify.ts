import { parseDeliveryStatus } from './delivery-status.js';
import type { Bounce } from './delivery-status.js';
import type { InboundMail } from './inbound-mail.js';

/*
 * Decides whether an inbound message was written by a person. Auto-replies and bounces must never
 * become public updates, and a bounce also tells us a contact address is broken. When in doubt
 * between "bounce" and "auto-reply" we prefer bounce, because only a bounce carries recipients.
 */

export type ClassifiableMail = Pick<InboundMail, 'headers' | 'subject' | 'from' | 'attachments'> & {
  text?: string | undefined;
};

export type AutoReplySignal =
  | 'auto-submitted'
  | 'x-autoreply'
  | 'x-autorespond'
  | 'precedence'
  | 'empty-return-path'
  | 'mailer-daemon'
  | 'subject';

export type MailClassification =
  | { kind: 'normal' }
  | { kind: 'auto-reply'; signal: AutoReplySignal }
  /** `bounces` lists the failed recipients; it is empty for a report that only says "delivered". */
  | { kind: 'bounce'; bounces: Bounce[] };

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const BULK_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk']);
const DAEMON_SENDERS = /^(?:mailer-daemon|postmaster)@/i;

/*
 * Out-of-office subjects as Outlook, Gmail, Thunderbird and the Latvian and Russian webmails
 * write them. Anchored at the start: the subject of a real reply begins with "Re:"/"Atb.:"/"Ответ:"
 * and then the report title, which a resident wrote and which may contain any words at all.
 * `(?!\p{L})` ends a word: `\b` only knows ASCII letters, so it fails after "ē" or "ā".
 */
const AUTO_REPLY_SUBJECTS: readonly RegExp[] = [
  // English
  /^(?:automatic|auto)[ -]?(?:reply|response|answer)(?!\p{L})/iu,
  /^out of (?:the )?office(?!\p{L})/iu,
  /^away from (?:the )?office(?!\p{L})/iu,
  /^(?:vacation|holiday) (?:reply|notice|response)(?!\p{L})/iu,
  // Latvian, with and without diacritics
  /^autom[aā]tisk[aā] atbilde(?!\p{L})/iu,
  /^promb[uū]tn[eē](?!\p{L})/iu,
  /^atva[lļ]in[aā]jum[aā](?!\p{L})/iu,
  /^neesmu (?:darb[aā]|biroj[aā])(?!\p{L})/iu,
  // Russian
  /^автоответ/iu,
  /^автоматический ответ/iu,
  /^нет на месте/iu,
  /^вне офиса/iu,
  /^отсутству(?:ю|ет) (?:в офисе|на рабочем месте)/iu,
  /^(?:я )?в отпуске/iu,
];

export function classifyMail(mail: ClassifiableMail): MailClassification {
  const bounces = findBounces(mail);
  if (bounces !== undefined) return { kind: 'bounce', bounces };
  const signal = autoReplySignal(mail);
  return signal === undefined ? { kind: 'normal' } : { kind: 'auto-reply', signal };
}

/** Undefined when the message is not a delivery report at all. */
export function findBounces(mail: ClassifiableMail): Bounce[] | undefined {
  const statusParts = mail.attachments.filter((part) => DELIVERY_STATUS_TYPES.has(part.contentType));
  if (statusParts.length > 0) {
    return statusParts.flatMap((part) => parseDeliveryStatus(part.content.toString('utf8')));
  }
  if (!isDeliveryReport(mail.headers['content-type'])) return undefined;
  // The parser was run without keepDeliveryStatus: the fields are appended to the body text.
  return parseDeliveryStatus(mail.text ?? '');
}

export function autoReplySignal(mail: ClassifiableMail): AutoReplySignal | undefined {
  const { headers } = mail;
  const autoSubmitted = headerToken(headers['auto-submitted']);
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return 'auto-submitted';
  if (isSet(headers['x-autoreply'])) return 'x-autoreply';
  if (isSet(headers['x-autorespond'])) return 'x-autorespond';
  const precedence = headerToken(headers['precedence'] ?? headers['x-precedence']);
  if (precedence !== undefined && BULK_PRECEDENCE.has(precedence)) return 'precedence';
  if (headers['return-path'] !== undefined && /^<\s*>$/.test(headers['return-path'].trim())) {
    return 'empty-return-path';
  }
  if (DAEMON_SENDERS.test(mail.from)) return 'mailer-daemon';
  if (isAutoReplySubject(mail.subject)) return 'subject';
  return undefined;
}

// RFC 2369 and 2919: the headers a mailing list adds to what it passes on.
const LIST_HEADERS = ['list-id', 'list-unsubscribe', 'list-post', 'list-help', 'x-loop', 'x-mailing-list'];

/** Whether a message came through a mailing list: an answer to it would go to everyone on it. */
export function fromMailingList(mail: Pick<ClassifiableMail, 'headers'>): boolean {
  const { headers } = mail;
  if (LIST_HEADERS.some((name) => headers[name] !== undefined)) return true;
  return headerToken(headers['precedence'] ?? headers['x-precedence']) === 'list';
}

export function isAutoReplySubject(subject: string): boolean {
  // Some gateways prefix a tag such as "[EXTERNAL]" or "*SPAM*" before the client's own prefix.
  const cleaned = subject
    .slice(0, 500)
    .normalize('NFC')
    .replace(/^(?:\s*(?:\[[^\]]{0,40}\]|\*{1,3}[^*]{0,20}\*{1,3}))+/u, '')
    .trim();
  return AUTO_REPLY_SUBJECTS.some((pattern) => pattern.test(cleaned));
}

function isDeliveryReport(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const lower = contentType.toLowerCase();
  return lower.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status"?/.test(lower);
}

// `auto-replied; owner-email="x@example.org"` → `auto-replied`; comments in parentheses dropped.
function headerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const token = value
    .replace(/\([^)]*\)/g, '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  return token === '' ? undefined : token;
}

function isSet(value: string | undefined): boolean {
  const token = headerToken(value);
  return token !== undefined && token !== 'no' && token !== 'false' && token !== '0';
}
