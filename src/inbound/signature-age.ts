import { PROOF } from '../mail/inbound/held-words.js';
import type { SenderProof } from './sender-proof.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/*
 * A proven reply is counted once by the digest of the signature that proved it (signatures.ts),
 * and that digest is forgotten with the raw message after INBOUND_RETENTION_DAYS. A copy sent
 * again later would be proven anew and counted again; so a signature is believed only while the
 * digest of any message it proved is surely still remembered: signed (`t=`) less than the window
 * ago, less a day (at most half the window) for a signer's clock running ahead. A signature with no
 * `t=` could be of any age, and proves nothing here either (most signers write it; RFC 6376 §3.5
 * recommends it). An expired one (`x=`) is no pass already: mailauth says `neutral`, and the
 * mail server in front would not pass it either.
 */

/** The longest a proving signature may have been made before it is read, in milliseconds. */
export function signatureMaxAge(retentionDays: number): number {
  const window = retentionDays * DAY_MS;
  return window - Math.min(DAY_MS, window / 2);
}

/**
 * The proof as it stands once its signatures' ages are known: unproven, with the reason, when one
 * that could have proven it is too old or of no known age; else as it was.
 */
export function agedProof(proof: SenderProof, now: Date, retentionDays: number): SenderProof {
  if (!proof.proven || !proof.signedAt) return proof;
  if (proof.signedAt.some((time) => time === null)) return { proven: false, summary: PROOF.signatureUntimed };
  const oldest = Math.min(...(proof.signedAt as number[]));
  if (now.getTime() - oldest > signatureMaxAge(retentionDays))
    return { proven: false, summary: PROOF.signatureOld };
  return proof;
}
