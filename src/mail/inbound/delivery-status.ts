/*
 * RFC 3464 delivery status notifications. The message/delivery-status body is a block of
 * per-message fields, then one block per recipient, separated by blank lines. Only the recipient
 * blocks matter here: they say which address failed, and whether for good.
 */

export type BounceKind = 'permanent' | 'temporary';

export interface Bounce {
  kind: BounceKind;
  /** Final-Recipient (or Original-Recipient) address, lower-cased. */
  recipient: string;
  /** Enhanced status code such as `5.1.1`; '' when the report gave none. */
  status: string;
  /** Action field, lower-cased: `failed` or `delayed`. */
  action: string;
  /** Diagnostic-Code without its type prefix, unfolded; '' when absent. */
  diagnostic: string;
}

// A delivery-status body is a few kilobytes; anything longer is not worth scanning further.
const MAX_REPORT_LENGTH = 64 * 1024;
const MAX_FIELD_LENGTH = 1000;

/**
 * Parses the recipient blocks of a delivery-status body. Blocks that report success
 * (`delivered`, `relayed`, `expanded`) are left out: they are not bounces.
 * Also works on a whole body text that merely contains the fields, because a parser that inlines
 * the delivery-status part puts them after the human-readable explanation.
 */
export function parseDeliveryStatus(report: string): Bounce[] {
  const blocks = report
    .slice(0, MAX_REPORT_LENGTH)
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/);
  const bounces: Bounce[] = [];
  for (const block of blocks) {
    const fields = parseFields(block);
    const recipient = addressOf(fields.get('final-recipient') ?? fields.get('original-recipient'));
    if (recipient === undefined) continue;
    const action = (fields.get('action') ?? '').toLowerCase();
    const status = /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(fields.get('status') ?? '')?.[0] ?? '';
    const kind = bounceKind(action, status);
    if (kind === undefined) continue;
    bounces.push({ kind, recipient, status, action, diagnostic: withoutType(fields.get('diagnostic-code')) });
  }
  return bounces;
}

function bounceKind(action: string, status: string): BounceKind | undefined {
  if (action === 'delayed') return 'temporary';
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return undefined;
  if (status.startsWith('4.')) return 'temporary';
  if (status.startsWith('5.') || action === 'failed') return 'permanent';
  return undefined;
}

function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let current: string | undefined;
  for (const line of block.split('\n')) {
    if (/^[ \t]/.test(line) && current !== undefined) {
      const joined = `${fields.get(current) ?? ''} ${line.trim()}`;
      fields.set(current, joined.slice(0, MAX_FIELD_LENGTH));
      continue;
    }
    const match = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*:(.*)$/.exec(line);
    current = match ? match[1]!.toLowerCase() : undefined;
    if (match && current !== undefined && !fields.has(current)) {
      fields.set(current, match[2]!.trim().slice(0, MAX_FIELD_LENGTH));
    }
  }
  return fields;
}

// `rfc822; someone@example.org` → `someone@example.org`
function addressOf(value: string | undefined): string | undefined {
  const address = withoutType(value).replace(/^<|>$/g, '').toLowerCase();
  return address.includes('@') ? address : undefined;
}

function withoutType(value: string | undefined): string {
  if (value === undefined) return '';
  const semicolon = value.indexOf(';');
  return (semicolon === -1 ? value : value.slice(semicolon + 1)).trim();
}

const ORIGINAL_TYPES = new Set([
  'text/rfc822-headers',
  'message/rfc822',
  'message/global',
  'message/global-headers',
]);

/**
 * The Message-IDs of the returned original (the `text/rfc822-headers` or `message/rfc822` part of
 * a delivery report), angle brackets included, as our outbox stores them.
 */
export function originalMessageIds(parts: readonly { contentType: string; content: Buffer }[]): string[] {
  const ids: string[] = [];
  for (const part of parts) {
    if (!ORIGINAL_TYPES.has(part.contentType)) continue;
    const text = part.content
      .subarray(0, MAX_REPORT_LENGTH)
      .toString('latin1')
      .replace(/\r?\n[ \t]+/g, ' ');
    const headerSection = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
    const match = /^message-id:\s*(<[^<>\s]{1,250}>)/im.exec(headerSection);
    if (match) ids.push(match[1]!);
  }
  return ids;
}
