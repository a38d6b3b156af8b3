import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/*
 * RFC 6238 codes (SHA-1, 6 digits, 30 seconds: what every authenticator app reads), by otplib. A
 * code is accepted one step either side of now, to allow for a phone's clock, and never twice:
 * the caller keeps the last accepted step.
 */

const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Tilts', label: account, secret });
}

/** The otpauth URI as an SVG QR code, drawn on the server (the page needs no script). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** A code as the app shows it, spaces aside ("123 456"): anything else is a slip, not a wrong code. */
export function isSixDigits(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''));
}

/** The time step the code belongs to, or undefined when it is wrong, too old, or already used. */
export async function checkTotp(
  secret: string,
  code: string,
  options: { now: Date; lastStep: number | null },
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(options.now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(options.lastStep !== null ? { afterTimeStep: options.lastStep } : {}),
  });
  // The TOTP result names its time step; otplib's combined type also covers HOTP, which does not.
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
