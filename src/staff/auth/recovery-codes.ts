import { randomToken, sha256 } from '../../security/sealing.js';

/** How many codes a member gets at enrolment, each good for one sign-in without the phone. */
const RECOVERY_CODES = 10;

// Ten characters of an alphabet without look-alikes, shown as xxxxx-xxxxx.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function newRecoveryCode(): string {
  const bytes = Buffer.from(randomToken(16), 'base64url');
  const letters = [...bytes.subarray(0, 10)].map(
    (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length],
  );
  return `${letters.slice(0, 5).join('')}-${letters.slice(5).join('')}`;
}

/** A new set of recovery codes, shown once to their owner. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
}

/** What is stored of a code, and what a typed one is compared by: case, spaces and dashes aside. */
export function recoveryCodeHash(code: string): string {
  return sha256(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** A recovery code as typed (xxxxx-xxxxx, maybe without its dash or with more): worth looking up. */
export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9-]{10,14}$/i.test(code);
}
