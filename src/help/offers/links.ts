import { createHash } from 'node:crypto';
import { storedAddress } from '../../mail/address-key.js';
import type { Signer } from '../../security/signing.js';

export const CHECK_ANSWERS = ['yes', 'pause', 'withdraw'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
export const CONFIRM_VALID_MS = 7 * DAY_MS;
/** The answers to "still available?" work for two months: long after the offer was paused. */
const CHECK_VALID_MS = 60 * DAY_MS;

/** An address in a link, as its hash: the link names it without showing it. */
const addressKey = (email: string) =>
  createHash('sha256').update(storedAddress(email)).digest('hex').slice(0, 32);

/** The round of questions a check link belongs to: the second it was sent, in base 36. */
const roundOf = (sentAt: Date) => Math.floor(sentAt.getTime() / 1000).toString(36);

/**
 * The links a volunteer gets by email, each signed for its purpose: confirming the offer (expires
 * in 7 days), managing it (their private link, for as long as the offer exists) and the one-click
 * answers to "still available?" (each tied to the round of the question it answers).
 */
export class HelpOfferLinks {
  constructor(
    private readonly publicUrl: string,
    private readonly signer: Pick<Signer, 'sign' | 'verify' | 'expiring' | 'readExpiring'>,
  ) {}

  confirmToken(offerId: number, expiresAt: Date): string {
    return this.signer.expiring('help-offer-confirm', String(offerId), expiresAt);
  }

  confirm(token: string): string {
    return `${this.publicUrl}/help/offers/confirm/${token}`;
  }

  readConfirm(token: unknown, now: Date) {
    const read = this.signer.readExpiring('help-offer-confirm', token, now);
    const id = Number(read.subject);
    if (!read.subject || !/^\d{1,10}$/.test(read.subject) || !Number.isSafeInteger(id))
      return { ok: false as const, reason: 'invalid' as const };
    return read.ok ? { ok: true as const, id } : { ok: false as const, reason: read.reason, id };
  }

  /** A new address's link: for this offer and this address alone (a later one needs its own). */
  emailToken(offerId: number, email: string, expiresAt: Date): string {
    return this.signer.expiring('help-offer-email', `${offerId}-${addressKey(email)}`, expiresAt);
  }

  email(token: string): string {
    return `${this.publicUrl}/help/offers/email/${token}`;
  }

  readEmail(token: unknown, now: Date) {
    const read = this.signer.readExpiring('help-offer-email', token, now);
    const match = /^(\d{1,10})-([0-9a-f]{32})$/.exec(read.subject ?? '');
    if (!match) return { ok: false as const, reason: 'invalid' as const };
    const found = { id: Number(match[1]), address: match[2]! };
    return read.ok ? { ok: true as const, ...found } : { ok: false as const, reason: read.reason, ...found };
  }

  /** Whether a link's address is this one. */
  static isAddress(key: string, email: string | null): boolean {
    return email !== null && addressKey(email) === key;
  }

  manageToken(offerId: number): string {
    return this.signer.sign('help-offer-manage', String(offerId));
  }

  isManageToken(offerId: number, token: unknown): boolean {
    return this.signer.verify('help-offer-manage', String(offerId), token);
  }

  /** The volunteer's own page: edit, pause, resume, withdraw. */
  manage(offerId: number): string {
    return `${this.publicUrl}${this.managePath(offerId)}`;
  }

  managePath(offerId: number): string {
    return `/help/offers/${offerId}?token=${this.manageToken(offerId)}`;
  }

  check(offerId: number, answer: CheckAnswer, sentAt: Date): string {
    const token = this.signer.expiring(
      'help-offer-check',
      `${offerId}-${answer}-${roundOf(sentAt)}`,
      new Date(sentAt.getTime() + CHECK_VALID_MS),
    );
    return `${this.publicUrl}/help/offers/${offerId}/check/${answer}?token=${token}`;
  }

  readCheck(offerId: number, answer: string, token: unknown, now: Date) {
    const read = this.signer.readExpiring('help-offer-check', token, now);
    if (!read.ok) return { ok: false as const, reason: read.reason };
    const match = /^(\d+)-([a-z]+)-([0-9a-z]+)$/.exec(read.subject);
    if (!match || Number(match[1]) !== offerId || match[2] !== answer)
      return { ok: false as const, reason: 'invalid' as const };
    return { ok: true as const, answer: answer as CheckAnswer, round: match[3]! };
  }

  /** Whether a check link's round is the question now open for this offer. */
  static isRound(round: string, sentAt: Date | null): boolean {
    return sentAt !== null && roundOf(sentAt) === round;
  }
}
