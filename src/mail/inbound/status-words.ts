/*
 * Status words a parish clerk can put at the start of a reply ("#procesā Darbi uzsākti.").
 * Clerks type on phones, with or without diacritics and in any case, so words are compared in a
 * folded form: lower case, combining marks removed, any dash or underscore as "-".
 */

export type StatusWordLanguage = 'lv' | 'en' | 'ru';
export type StatusFromWord = 'acknowledged' | 'in_progress' | 'resolved' | 'closed';
export type CloseReason = 'not_responsible' | 'duplicate' | 'no_action';

export type StatusCommand =
  | { kind: 'status'; status: Exclude<StatusFromWord, 'closed'> }
  /** `duplicateOf` is a report ref such as `RZN-2026-00017` when one follows the reason word. */
  | { kind: 'status'; status: 'closed'; reason?: CloseReason; duplicateOf?: string }
  | { kind: 'internal' }
  /** A hashtag at the start that is not one of ours; the text is left as it was. */
  | { kind: 'unknown'; word: string }
  | { kind: 'none' };

export interface ParsedStatusWord {
  command: StatusCommand;
  /** The reply without the status word (and reason); unchanged for 'unknown' and 'none'. */
  text: string;
}

export interface StatusWordSet {
  statuses: Readonly<Record<StatusFromWord, string>>;
  internal: string;
  /** Written after the closing word: `#slēgts dublikāts RZN-2026-00017`. */
  reasons: Readonly<Record<CloseReason, string>>;
}

/** The documented spelling of every word, per language, for the notification emails. */
export const STATUS_WORDS: Readonly<Record<StatusWordLanguage, StatusWordSet>> = Object.freeze({
  lv: {
    statuses: {
      acknowledged: '#saņemts',
      in_progress: '#procesā',
      resolved: '#atrisināts',
      closed: '#slēgts',
    },
    internal: '#iekšēji',
    reasons: { not_responsible: 'nav-mūsu', duplicate: 'dublikāts', no_action: 'bez-darbības' },
  },
  en: {
    statuses: {
      acknowledged: '#received',
      in_progress: '#in-progress',
      resolved: '#resolved',
      closed: '#closed',
    },
    internal: '#internal',
    reasons: { not_responsible: 'not-ours', duplicate: 'duplicate', no_action: 'no-action' },
  },
  ru: {
    statuses: {
      acknowledged: '#получено',
      in_progress: '#в-работе',
      resolved: '#решено',
      closed: '#закрыто',
    },
    internal: '#внутреннее',
    reasons: { not_responsible: 'не-наше', duplicate: 'дубликат', no_action: 'без-действий' },
  },
});

type WordMeaning = { kind: 'status'; status: StatusFromWord } | { kind: 'internal' };

const LANGUAGES = Object.values(STATUS_WORDS);
const WORDS = new Map<string, WordMeaning>();
const REASONS = new Map<string, CloseReason>();
for (const set of LANGUAGES) {
  for (const [status, word] of Object.entries(set.statuses) as [StatusFromWord, string][]) {
    WORDS.set(fold(word), { kind: 'status', status });
  }
  WORDS.set(fold(set.internal), { kind: 'internal' });
  for (const [reason, word] of Object.entries(set.reasons) as [CloseReason, string][])
    REASONS.set(fold(word), reason);
}

const LEADING_WORD = /^\s*#(\p{L}[\p{L}\p{M}\p{N}_\-\u2010-\u2015]{0,40})/u;
const REF = /^\s*(?:#|no\s+|of\s+|№\s*)?([A-Za-z]{2,5}-\d{4}-\d{1,6})(?![\p{L}\p{N}])/iu;
const LEADING_PUNCTUATION = /^[\s:;,.!\-\u2010-\u2015]+/u;

export function parseStatusWord(reply: string): ParsedStatusWord {
  const lines = reply.split('\n');
  const index = lines.findIndex((line) => line.trim() !== '');
  const match = index === -1 ? null : LEADING_WORD.exec(lines[index]!.normalize('NFC'));
  if (match === null) return { command: { kind: 'none' }, text: reply };
  const word = match[1]!;
  let rest = lines[index]!.normalize('NFC').slice(match[0].length);
  let meaning = WORDS.get(fold(word));
  let reason: CloseReason | undefined;
  if (meaning === undefined) {
    // "#slēgts-dublikāts" typed as one word.
    const joined = splitJoinedReason(fold(word));
    if (joined === undefined) return { command: { kind: 'unknown', word: `#${word}` }, text: reply };
    ({ meaning, reason } = joined);
  }
  let command: StatusCommand;
  if (meaning.kind === 'internal') {
    command = { kind: 'internal' };
  } else if (meaning.status !== 'closed') {
    command = { kind: 'status', status: meaning.status };
  } else {
    if (reason === undefined) ({ reason, rest } = readReason(rest));
    let duplicateOf: string | undefined;
    if (reason === 'duplicate') ({ duplicateOf, rest } = readRef(rest));
    command = {
      kind: 'status',
      status: 'closed',
      ...(reason === undefined ? {} : { reason }),
      ...(duplicateOf === undefined ? {} : { duplicateOf }),
    };
  }
  const remaining = rest.replace(LEADING_PUNCTUATION, '').trimEnd();
  const kept = [
    ...lines.slice(0, index),
    ...(remaining === '' ? [] : [remaining]),
    ...lines.slice(index + 1),
  ];
  return { command, text: kept.join('\n').trim() };
}

/** The folded form words are compared in; exported so callers can match words the same way. */
export function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^#/, '')
    .replace(/[_\u2010-\u2015]/g, '-')
    .replace(/[.,:;!?]+$/, '');
}

function splitJoinedReason(folded: string): { meaning: WordMeaning; reason: CloseReason } | undefined {
  for (let dash = folded.indexOf('-'); dash !== -1; dash = folded.indexOf('-', dash + 1)) {
    const meaning = WORDS.get(folded.slice(0, dash));
    const reason = REASONS.get(folded.slice(dash + 1));
    if (meaning?.kind === 'status' && meaning.status === 'closed' && reason !== undefined)
      return { meaning, reason };
  }
  return undefined;
}

// Reason words are two words in some languages ("nav mūsu"); people write them with a space,
// a hyphen or a leading '#', so the longest match of the next one or two words wins.
function readReason(rest: string): { reason: CloseReason | undefined; rest: string } {
  const words = /^[\s:;,\-\u2010-\u2015]*(#?[\p{L}\p{M}]+)(?:[\s_\-\u2010-\u2015]+([\p{L}\p{M}]+))?/u.exec(
    rest,
  );
  if (words === null) return { reason: undefined, rest };
  const first = words[1]!;
  const second = words[2];
  if (second !== undefined) {
    const reason = REASONS.get(fold(`${first}-${second}`));
    if (reason !== undefined) return { reason, rest: rest.slice(words[0].length) };
  }
  const reason = REASONS.get(fold(first));
  if (reason === undefined) return { reason: undefined, rest };
  return { reason, rest: rest.slice(rest.indexOf(first) + first.length) };
}

function readRef(rest: string): { duplicateOf: string | undefined; rest: string } {
  const found = REF.exec(rest);
  if (found === null) return { duplicateOf: undefined, rest };
  return { duplicateOf: found[1]!.toUpperCase(), rest: rest.slice(found[0].length) };
}
