import { csvDocument } from '../../web/csv.js';
import type { OfferRecord } from './repository.js';

/*
 * A volunteer's data as they (or the social worker, on their request) take it away: every column
 * of their offer, in JSON and in CSV. Dates are ISO 8601 in UTC; lists are codes.
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

export function offerJson(offer: OfferRecord, exportedAt: Date): string {
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), helpOffer: offerRecord(offer) }, null, 2)}\n`;
}

/** A header row and the offer's row (RFC 4180), with a byte-order mark so spreadsheets read UTF-8. */
export function offerCsv(offer: OfferRecord): string {
  const record = offerRecord(offer);
  const list = (value: Value | undefined) => (Array.isArray(value) ? value.join(';') : value);
  return csvDocument(
    COLUMNS.map(([name]) => name),
    [COLUMNS.map(([name]) => list(record[name]))],
  );
}
