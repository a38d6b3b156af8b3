import crypto from 'node:crypto';

/**
 * Tokens in emailed links are signed rather than stored: the link can be sent again in any later
 * email, and nothing secret sits in the database. Each purpose has its own key, derived from the
 * one secret, so a token made for one purpose is worthless for another.
 */
export class Signer {
  constructor(private readonly secret: string) {}

  private key(purpose: string): Buffer {
    return crypto.createHmac('sha256', this.secret).update(`tilts:${purpose}`).digest();
  }

  sign(purpose: string, payload: string, length = 32): string {
    return crypto
      .createHmac('sha256', this.key(purpose))
      .update(payload)
      .digest('base64url')
      .slice(0, length);
  }

  verify(purpose: string, payload: string, signature: unknown, length = 32): boolean {
    if (typeof signature !== 'string' || signature.length !== length) return false;
    const expected = Buffer.from(this.sign(purpose, payload, length));
    const given = Buffer.from(signature);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  }

  /** A token that carries its subject and expiry: `subject.expiresAtSeconds.signature`. */
  expiring(purpose: string, subject: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000).toString(36);
    return `${subject}.${expires}.${this.sign(purpose, `${subject}.${expires}`)}`;
  }

  readExpiring(
    purpose: string,
    token: unknown,
    now: Date,
  ):
    | { ok: true; subject: string; expiresAt: Date }
    | { ok: false; reason: 'invalid' | 'expired'; subject?: string } {
    if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'invalid' };
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'invalid' };
    const [subject, expires, signature] = parts as [string, string, string];
    if (!this.verify(purpose, `${subject}.${expires}`, signature)) return { ok: false, reason: 'invalid' };
    const expiresAt = parseInt(expires, 36) * 1000;
    if (!Number.isFinite(expiresAt) || expiresAt < now.getTime())
      return { ok: false, reason: 'expired', subject };
    return { ok: true, subject, expiresAt: new Date(expiresAt) };
  }
}
