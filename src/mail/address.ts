import crypto from 'node:crypto';

/*
 * Everything that ends up in a header of an outgoing email passes through here. An address or a
 * header value that could smuggle a line break ("a@b.lv\r\nBcc: everyone@…") or a second
 * recipient ("a@b.lv, c@d.lv") is refused, never "cleaned": a caller that lets such input through
 * has a bug we want to see.
 */

/** Thrown for an address or header that would be unsafe or ambiguous in an email header. */
export class UnsafeHeaderError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'UnsafeHeaderError';
  }
}

// RFC 5321/5322 dot-atom local part (no quoted strings, no comments), ASCII only.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// A domain of two or more labels; Unicode letters are allowed (nodemailer sends them as punycode).
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
// CR, LF, NUL and every other control character, plus the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** True for exactly one plain address `local@domain.tld`: no name, no list, no line break. */
export function isSingleAddress(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 254 || CONTROL.test(value)) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at !== value.indexOf('@')) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    !/^\d+$/.test(labels[labels.length - 1]!)
  );
}

// Domains reserved for examples and tests (RFC 2606, RFC 6761): no mail to them reaches anyone.
const RESERVED_DOMAINS = ['example.org', 'example.com', 'example.net'];
const RESERVED_TLDS = new Set(['example', 'invalid', 'test', 'localhost']);

/**
 * True for an address at a domain reserved for examples (`example.org` and its subdomains, any
 * `.example`, `.invalid`, `.test` or `.localhost` name): a placeholder, never a real mailbox.
 */
export function isPlaceholderAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return (
    RESERVED_TLDS.has(tld) ||
    RESERVED_DOMAINS.some((reserved) => domain === reserved || domain.endsWith(`.${reserved}`))
  );
}

/** Returns the address unchanged, or throws when it is not exactly one plain address. */
export function assertSingleAddress(value: string, field: string): string {
  if (!isSingleAddress(value)) throw new UnsafeHeaderError(field, 'must be exactly one email address');
  return value;
}

/** A display name or header value must stay on one line; a name over `maxLength` is refused. */
export function assertHeaderText(value: string, field: string, maxLength = 998): string {
  if (CONTROL.test(value.replace(/\t/g, ' ')))
    throw new UnsafeHeaderError(field, 'must not contain line breaks');
  if (value.length > maxLength) throw new UnsafeHeaderError(field, `must be at most ${maxLength} characters`);
  return value;
}

// Headers the composer sets itself; a caller's extra header must not replace or duplicate them.
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'sender',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'return-path',
]);

/** Checks a caller's extra headers: token names, one-line values, none of the composer's own. */
export function assertExtraHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,75}$/.test(name))
      throw new UnsafeHeaderError(name, 'is not a header name');
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw new UnsafeHeaderError(name, 'is set by Tilts itself');
    if (typeof value !== 'string') throw new UnsafeHeaderError(name, 'must be text');
    assertHeaderText(value, name);
  }
  return headers;
}

/** Makes any text a one-line header value: line breaks and control characters become spaces. */
export function toHeaderLine(value: string, maxLength: number): string {
  const line = value.replace(new RegExp(CONTROL.source, 'g'), ' ').replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1).trimEnd()}…` : line;
}

/**
 * The right-hand side of our Message-IDs: the site's host when it is a real domain name, else
 * the sender's domain (so `http://localhost:3000` still yields a meaningful id).
 */
export function messageIdDomain(publicUrl: string, mailFrom: string): string {
  const host = new URL(publicUrl).hostname.toLowerCase();
  if (host.includes('.') && !/^[\d.]+$/.test(host) && !host.startsWith('[')) return host;
  return mailFrom.slice(mailFrom.lastIndexOf('@') + 1).toLowerCase();
}

/** A new globally unique Message-ID, `<random@domain>`; 144 random bits. */
export function newMessageId(domain: string): string {
  return `<${crypto.randomBytes(18).toString('base64url')}@${domain}>`;
}

/**
 * RFC 2369 + RFC 8058 one-click unsubscribe headers for an email to a resident. The URL must
 * answer a POST with `List-Unsubscribe=One-Click` by unsubscribing without further questions.
 */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeHeaderError('List-Unsubscribe', 'must be an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new UnsafeHeaderError('List-Unsubscribe', 'must be an http(s) URL');
  // URL serialisation percent-encodes spaces, line breaks and angle brackets.
  return {
    'List-Unsubscribe': `<${parsed.href}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
