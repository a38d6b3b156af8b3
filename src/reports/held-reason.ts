import type { Translate } from '../i18n/index.js';
import type { SenderBan } from './repository.js';

/**
 * Why a report is held, as `reports.held_reason` keeps it: written by Tilts in its own words
 * (`ban #12: address spam@example.lv`), and said to staff in theirs wherever they read it (the
 * audit log, the report's page, its history). Each reason has a code; a new one is added to
 * `HeldReason` with its writer, its reader and its words below, or it does not compile.
 */
export type HeldReason = { code: 'ban'; ban: SenderBan };

export type HeldReasonCode = HeldReason['code'];

type Of<C extends HeldReasonCode> = Extract<HeldReason, { code: C }>;

/** Every kind of ban, each named (a new kind without its words here does not compile). */
const NAMED_BAN_KINDS: { [K in SenderBan['kind']]: K } = { address: 'address', domain: 'domain' };

/** Each reason as it is kept, and read back from it (undefined: not this reason). */
const FORMATS: {
  [C in HeldReasonCode]: { write(reason: Of<C>): string; read(text: string): Of<C> | undefined };
} = {
  ban: {
    write: ({ ban }) => `ban #${ban.id}: ${ban.kind} ${ban.value}`,
    read: (text) => {
      const match = /^ban #(\d+): (\w+) (.+)$/s.exec(text);
      return match && Object.hasOwn(NAMED_BAN_KINDS, match[2]!)
        ? {
            code: 'ban',
            ban: { id: Number(match[1]), kind: match[2] as SenderBan['kind'], value: match[3]! },
          }
        : undefined;
    },
  },
};

/**
 * The catalog key of each reason and what it names. Every key `HELD_REASON_KEYS` lists is in
 * each language's catalog (test/unit/reports/held-reason.test.ts).
 */
const WORDS: {
  [C in HeldReasonCode]: (reason: Of<C>) => { key: string; vars: Record<string, string> };
} = {
  ban: ({ ban }) => ({
    key: `staff.heldReasons.ban.${ban.kind}`,
    vars: { id: String(ban.id), value: ban.value },
  }),
};

/** Every catalog key a held reason may be said by. */
export const HELD_REASON_KEYS: readonly string[] = Object.values(NAMED_BAN_KINDS).map(
  (kind) => `staff.heldReasons.ban.${kind}`,
);

/** A reason as `reports.held_reason` keeps it. */
export function heldReasonText(reason: HeldReason): string {
  switch (reason.code) {
    case 'ban':
      return FORMATS.ban.write(reason);
  }
}

/** A kept reason read back; undefined for text that is no known reason (kept as it was written). */
export function readHeldReason(text: string): HeldReason | undefined {
  for (const format of Object.values(FORMATS)) {
    const reason = format.read(text);
    if (reason) return reason;
  }
  return undefined;
}

/** A kept reason in the reader's words; text that is no known reason, as it was written. */
export function heldReasonInWords(text: string, t: Translate): string {
  const reason = readHeldReason(text);
  if (!reason) return text;
  switch (reason.code) {
    case 'ban': {
      const { key, vars } = WORDS.ban(reason);
      return t(key, { ...vars, defaultValue: text });
    }
  }
}
