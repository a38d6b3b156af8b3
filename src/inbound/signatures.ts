import { createHash } from 'node:crypto';
import type { Queryable } from '../db/transaction.js';

/*
 * A proven reply counts once. Its DKIM signature is what proves it, and whoever holds the raw
 * message (a mailbox it was forwarded to, a relay's log) can send it again, days later, with a new
 * Message-ID or any other header the signature does not cover: the same signature proves it again.
 * So the signatures that proved a reply are remembered per report, by a digest of their `b=`
 * value, and a later message proven by one of them is a replay, however late it comes.
 */

export const SIGNATURES = 'inbound_signatures';

/** A signature's digest: SHA-256 of its `b=` value without the whitespace folding may add. */
export function signatureDigest(b: string): string {
  return createHash('sha256').update(b.replace(/\s+/g, '')).digest('hex');
}

/** The tags of every DKIM-Signature header of a message, each as a map of lower-cased names. */
function dkimSignatureTags(raw: Buffer): Map<string, string>[] {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  const signatures: Map<string, string>[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (!/^dkim-signature:/i.test(line)) continue;
    const tags = new Map<string, string>();
    for (const tag of line.slice(line.indexOf(':') + 1).split(';')) {
      const eq = tag.indexOf('=');
      if (eq > 0) tags.set(tag.slice(0, eq).trim().toLowerCase(), tag.slice(eq + 1).replace(/\s+/g, ''));
    }
    signatures.push(tags);
  }
  return signatures;
}

/**
 * The `b=` values of every DKIM-Signature header of a message, for a check made by the mail
 * server in front (INBOUND_AUTH=header), which names no signature by its value: a replay carries
 * the one that proved it, whatever else it adds or drops.
 */
export function dkimSignatureValues(raw: Buffer): string[] {
  return dkimSignatureTags(raw).flatMap((tags) => (tags.get('b') ? [tags.get('b')!] : []));
}

/**
 * The signing times (`t=`, in milliseconds; null where a signature has none) of every
 * DKIM-Signature header of a message, for a check made by the mail server in front, which names
 * no signature: any of them may be the one that proved it.
 */
export function dkimSignatureTimes(raw: Buffer): (number | null)[] {
  return dkimSignatureTags(raw).map((tags) => {
    const t = tags.get('t');
    return t && /^\d{1,12}$/.test(t) ? Number(t) * 1000 : null;
  });
}

export class InboundSignatures {
  /**
   * Remembers that these signatures proved message `inboundId` on the report (once each), and
   * answers another message one of them proved there first, if any: then this one is a replay.
   * (Its own claim, from an attempt that failed later, is no replay. Of two copies read at once,
   * the first to write claims all: the digests are written in one order, so one waits for the other.)
   */
  async claim(
    db: Queryable,
    claim: { reportId: number; inboundId: number; digests: readonly string[] },
    now: Date,
  ): Promise<number | undefined> {
    const digests = [...new Set(claim.digests)].sort();
    if (digests.length === 0) return undefined;
    await db(SIGNATURES)
      .insert(
        digests.map((digest) => ({
          report_id: claim.reportId,
          digest,
          inbound_id: claim.inboundId,
          created_at: now,
        })),
      )
      .onConflict(['report_id', 'digest'])
      .ignore();
    const other = (await db(SIGNATURES)
      .where({ report_id: claim.reportId })
      .whereIn('digest', digests)
      .whereNot('inbound_id', claim.inboundId)
      .first('inbound_id')) as { inbound_id: number } | undefined;
    return other?.inbound_id;
  }
}
