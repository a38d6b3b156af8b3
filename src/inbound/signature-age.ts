import { PROOF } from '../mail/inbound/held-words.js';
import type { SenderProof } from './sender-proof.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/*
 * A proven reply is counted once by the digest of the signature that proved it (signatures.ts),
 * kept as long as the message's record (its raw copy goes after INBOUND_RETENTION_DAYS, the digest
 * names no one and stays). A signature made longer ago than that window (`t=`, less a day for a
 * signer's clock running ahead) is believed no more all the same: a clerk's reply does not sit
 * undelivered for three months, while one sent again from an old copy does, and a record can be
 * gone (its report erased). A signature with no `t=` (Exim writes one only with dkim_timestamps)
 * is of no known age: it proves as before, and its digest still knows it sent again. An expired
 * one (`x=`) is no pass already: mailauth says `neutral`, and the mail server in front would not
 * pass it either.
 */

/** The longest a proving signature may have been made before it is read, in milliseconds. */
export function signatureMaxAge(retentionDays: number): number {
  const window = retentionDays * DAY_MS;
  return window - Math.min(DAY_MS, window / 2);
}

/**
 * The proof as it stands once its signatures' ages are known: unproven, with the reason, when one
 * that could have proven it is too old; else as it was (a signature of no known age included).
 */
export function agedProof(proof: SenderProof, now: Date, retentionDays: number): SenderProof {
  if (!proof.proven || !proof.signedAt) return proof;
  const times = proof.signedAt.filter((time): time is number => time !== null);
  if (times.length === 0) return proof;
  if (now.getTime() - Math.min(...times) > signatureMaxAge(retentionDays))
    return { proven: false, summary: PROOF.signatureOld };
  return proof;
}
