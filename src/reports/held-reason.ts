import type { Translate } from '../i18n/index.js';
import type { SenderBan } from './repository.js';

/**
 * Why a report is held, as `reports.held_reason` keeps it: written by Tilts in its own words
 * (`ban #12: address spam@example.lv`), and said to staff in theirs wherever they read it (the
 * audit log, the report's page, its history). A ban is the one reason today; another is added to
 * `HeldReason` with its writer, its reader and its words, or the functions below do not compile.
 */
export type HeldReason = { code: 'ban'; ban: SenderBan };

/** Every kind of ban (a new kind without its words here does not compile). */
const BAN_KINDS: { [K in SenderBan['kind']]: K } = { address: 'address', domain: 'domain' };

const banKey = (kind: SenderBan['kind']) => `staff.heldReasons.ban.${kind}`;

/** Every catalog key a held reason may be said by (each is in every language's catalog: a test). */
export const HELD_REASON_KEYS: readonly string[] = Object.values(BAN_KINDS).map(banKey);

/** A reason as `reports.held_reason` keeps it. */
export function heldReasonText({ ban }: HeldReason): string {
  return `ban #${ban.id}: ${ban.kind} ${ban.value}`;
}

/** A kept reason read back; undefined for text that is no known reason (kept as it was written). */
export function readHeldReason(text: string): HeldReason | undefined {
  const match = /^ban #(\d+): (\w+) (.+)$/s.exec(text);
  if (!match || !Object.hasOwn(BAN_KINDS, match[2]!)) return undefined;
  return {
    code: 'ban',
    ban: { id: Number(match[1]), kind: match[2] as SenderBan['kind'], value: match[3]! },
  };
}

/** A kept reason in the reader's words; text that is no known reason, as it was written. */
export function heldReasonInWords(text: string, t: Translate): string {
  const reason = readHeldReason(text);
  if (!reason) return text;
  const { id, kind, value } = reason.ban;
  return t(banKey(kind), { id: String(id), value, defaultValue: text });
}
