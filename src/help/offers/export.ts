import { csvDocument } from '../../web/csv.js';
import type { OfferMatchExport } from '../matching/disclosures.js';
import type { OfferRecord } from './repository.js';

/*
 * A volunteer's data as they (or the social worker, on their request) take it away: every column
 * of their offer, and the matches they were asked for (to whom their contact went, when, and the
 * answers: GDPR art. 15(1)(c)), in JSON and in CSV. Dates are ISO 8601 in UTC; lists are codes.
 */

const COLUMNS = [
  ['id', (o) => o.id],
  ['status', (o) => o.status],
  ['offered_by', (o) => o.offeredBy],
  ['name', (o) => o.name],
  ['listed', (o) => o.listed],
  ['email', (o) => o.email],
  // A new address they gave and have not yet proven is theirs too.
  ['pending_email', (o) => o.pendingEmail],
  ['phone', (o) => o.phone],
  ['share_email', (o) => o.shareEmail],
  ['share_phone', (o) => o.sharePhone],
  ['kinds', (o) => o.kinds],
  ['parishes', (o) => o.parishes],
  ['days', (o) => o.days],
  ['times', (o) => o.times],
  ['ask_me', (o) => o.askMe],
  ['speaks', (o) => o.speaks],
  ['about', (o) => o.about],
  ['capacity', (o) => o.capacity],
  ['language', (o) => o.language],
  ['created_at', (o) => o.createdAt],
  ['confirmed_at', (o) => o.confirmedAt],
  ['updated_at', (o) => o.updatedAt],
  ['paused_at', (o) => o.pausedAt],
  ['withdrawn_at', (o) => o.withdrawnAt],
  ['checked_at', (o) => o.checkedAt],
  ['check_sent_at', (o) => o.checkSentAt],
  ['erased_at', (o) => o.erasedAt],
] as const satisfies readonly (readonly [string, (offer: OfferRecord) => unknown])[];

type Value = string | number | boolean | null | string[];

const plain = (value: unknown): Value =>
  value instanceof Date
    ? value.toISOString()
    : Array.isArray(value)
      ? [...(value as string[])]
      : (value as Value);

/** The offer as one flat record, column by column. */
export function offerRecord(offer: OfferRecord): Record<string, Value> {
  return Object.fromEntries(COLUMNS.map(([name, read]) => [name, plain(read(offer))]));
}

export function offerJson(
  offer: OfferRecord,
  matches: readonly OfferMatchExport[],
  exportedAt: Date,
): string {
  const data = { exportedAt: exportedAt.toISOString(), helpOffer: offerRecord(offer), matches };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The columns of a match, beside the offer's: one row each after the offer's own row. */
const MATCH_COLUMNS = [
  ['match_id', (m) => m.id],
  ['match_state', (m) => m.state],
  ['match_proposed_at', (m) => m.proposedAt],
  ['match_contacts_shared_at', (m) => m.contactsSharedAt],
  ['match_contacts_shared_with', (m) => m.contactsSharedWith?.name ?? null],
  ['match_contacts_shared_with_role', (m) => m.contactsSharedWith?.role ?? null],
  [
    'match_steps',
    (m) =>
      m.steps.map((step) => [step.at, step.event, step.by, step.via, step.detail ?? ''].join(' ').trim()),
  ],
  ['match_concerns', (m) => m.concerns.map((concern) => `${concern.at} ${concern.text}`)],
] as const satisfies readonly (readonly [string, (match: OfferMatchExport) => unknown])[];

/**
 * The offer's row, then a row per match (RFC 4180: every row has every column, the offer's empty
 * on a match's row and the match's on the offer's), with a byte-order mark so spreadsheets read UTF-8.
 */
export function offerCsv(offer: OfferRecord, matches: readonly OfferMatchExport[] = []): string {
  const record = offerRecord(offer);
  const list = (value: Value | undefined) => (Array.isArray(value) ? value.join(';') : value);
  const noOffer = COLUMNS.map(() => null);
  const noMatch = MATCH_COLUMNS.map(() => null);
  return csvDocument(
    [...COLUMNS.map(([name]) => name), ...MATCH_COLUMNS.map(([name]) => name)],
    [
      [...COLUMNS.map(([name]) => list(record[name])), ...noMatch],
      ...matches.map((match) => [...noOffer, ...MATCH_COLUMNS.map(([, read]) => list(plain(read(match))))]),
    ],
  );
}
