import { makeReplyAddress } from '../mail/inbound/reply-address.js';
import type { Signer } from '../security/signing.js';
import { publishedDegrees } from './position.js';

export const STAFF_ACTIONS = ['acknowledged', 'in_progress', 'resolved', 'not_ours'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export const FIXED_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type FixedAnswer = (typeof FIXED_ANSWERS)[number];

const ACTION_LINK_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every URL that leaves in an email or on a page for one person: signed, so only the person it
 * was sent to can use it. Kept in one place so pages and emails build the same links.
 */
export class ReportLinks {
  constructor(
    private readonly publicUrl: string,
    private readonly signer: Signer,
    private readonly inbound: { secret: string; domain: string },
  ) {}

  /** The signed per-report, per-recipient address a parish answers to. */
  replyAddress(ref: string, recipientEmail: string): string {
    return makeReplyAddress({
      ref,
      recipient: recipientEmail,
      secret: this.inbound.secret,
      domain: this.inbound.domain,
    });
  }

  /** A one-click status link for one recipient of one report; valid for 60 days. */
  action(ref: string, recipientId: number, action: StaffAction, now: Date): string {
    const token = this.signer.expiring(
      'action',
      `${ref}-${recipientId}-${action}`,
      new Date(now.getTime() + ACTION_LINK_DAYS * DAY_MS),
    );
    return `${this.publicUrl}/actions/${token}`;
  }

  readAction(token: unknown, now: Date) {
    const read = this.signer.readExpiring('action', token, now);
    if (!read.ok) return read;
    const match = /^(RZN-\d{4}-\d+)-(\d+)-([a-z_]+)$/.exec(read.subject);
    const action = match?.[3] as StaffAction | undefined;
    if (!match || !action || !STAFF_ACTIONS.includes(action))
      return { ok: false as const, reason: 'invalid' as const };
    return { ok: true as const, ref: match[1]!, recipientId: Number(match[2]), action };
  }

  fixedQuestion(ref: string, questionId: number, answer: FixedAnswer, now: Date): string {
    const token = this.signer.expiring(
      'fixed',
      `${questionId}-${answer}`,
      new Date(now.getTime() + ACTION_LINK_DAYS * DAY_MS),
    );
    return `${this.publicUrl}/reports/${ref}/fixed/${token}`;
  }

  readFixedQuestion(token: unknown, now: Date) {
    const read = this.signer.readExpiring('fixed', token, now);
    if (!read.ok) return read;
    const [id, answer] = read.subject.split('-') as [string, FixedAnswer];
    if (!FIXED_ANSWERS.includes(answer)) return { ok: false as const, reason: 'invalid' as const };
    return { ok: true as const, questionId: Number(id), answer };
  }

  /** One-click unsubscribe: `r` for the reporter of a report, `s` for a subscription. */
  unsubscribe(kind: 'r' | 's', id: number): string {
    const subject = `${kind}${id}`;
    return `${this.publicUrl}/unsubscribe/${subject}/${this.signer.sign('unsubscribe', subject)}`;
  }

  isUnsubscribe(subject: string, signature: unknown): boolean {
    return /^[rs]\d+$/.test(subject) && this.signer.verify('unsubscribe', subject, signature);
  }

  /** One-click unsubscribe from an email alert (the same signature purpose, its own path). */
  alertUnsubscribe(id: number): string {
    const subject = `a${id}`;
    return `${this.publicUrl}/alerts/unsubscribe/${subject}/${this.signer.sign('unsubscribe', subject)}`;
  }

  isAlertUnsubscribe(subject: string, signature: unknown): boolean {
    return /^a\d+$/.test(subject) && this.signer.verify('unsubscribe', subject, signature);
  }

  confirmAlert(token: string): string {
    return `${this.publicUrl}/alerts/confirm/${token}`;
  }

  reporterToken(ref: string): string {
    return this.signer.sign('reporter', ref);
  }

  isReporterToken(ref: string, token: unknown): boolean {
    return this.signer.verify('reporter', ref, token);
  }

  photoSignature(key: string): string {
    return this.signer.sign('photo', key, 24);
  }

  isPhotoSignature(key: string, signature: unknown): boolean {
    return this.signer.verify('photo', key, signature, 24);
  }

  /**
   * A photo's signature for one staff member's page: it names them and ends (`staffId.expires.mac`),
   * so a link copied out of the workspace (history, a chat) dies with time, and at once when they
   * are deactivated (photos/routes.ts). The key is part of the purpose: it opens no other photo.
   */
  staffPhotoSignature(key: string, staffId: number, expiresAt: Date): string {
    return this.signer.expiring(`staff-photo ${key}`, String(staffId), expiresAt);
  }

  /**
   * A photo link's signature read: the plain one (a reporter's), or one that ends, in an email to
   * a report's recipients (`recipientPhoto`) or for a staff member (`staffPhotoSignature`).
   */
  readPhotoSignature(
    key: string,
    signature: unknown,
    now: Date,
  ): { ok: true; staffId: number | null } | { ok: false; reason: 'invalid' | 'expired' } {
    if (this.isPhotoSignature(key, signature)) return { ok: true, staffId: null };
    const read = this.signer.readExpiring(`staff-photo ${key}`, signature, now);
    if (!read.ok) return { ok: false, reason: read.reason };
    if (read.subject === 'mail') return { ok: true, staffId: null };
    return /^[1-9]\d{0,9}$/.test(read.subject)
      ? { ok: true, staffId: Number(read.subject) }
      : { ok: false, reason: 'invalid' };
  }

  report(ref: string): string {
    return `${this.publicUrl}/reports/${ref}`;
  }

  /** A parish's public reports, the list its residents read (one report's page may be gone). */
  parishReports(parishCode: string): string {
    return `${this.publicUrl}/reports?parish=${encodeURIComponent(parishCode)}`;
  }

  /** A report's page in the staff workspace (staff sign in first). */
  staffReport(ref: string): string {
    return `${this.publicUrl}/staff/reports/${ref}`;
  }

  /** A request for help in the staff workspace (staff sign in first), where a volunteer is proposed. */
  helpDesk(ref: string): string {
    return `${this.publicUrl}/staff/help/requests/${ref}`;
  }

  /** The reporter's own page: works for private reports too, and carries their actions. */
  reporterPage(ref: string): string {
    return `${this.publicUrl}/reports/${ref}?token=${this.reporterToken(ref)}`;
  }

  confirm(token: string): string {
    return `${this.publicUrl}/reports/confirm/${token}`;
  }

  confirmSubscription(token: string): string {
    return `${this.publicUrl}/subscriptions/confirm/${token}`;
  }

  /**
   * A photo link in an email to a report's recipients (a parish, a social worker): a private
   * report's email is all they have of it, so it lasts as the status links beside it do, 60 days,
   * and a forwarded or leaked email shows its photos no longer than that.
   */
  recipientPhoto(key: string, now: Date): string {
    const expiresAt = new Date(now.getTime() + ACTION_LINK_DAYS * DAY_MS);
    return `${this.publicUrl}/photos/${key}?sig=${this.signer.expiring(`staff-photo ${key}`, 'mail', expiresAt)}`;
  }

  /** A photo link that works for whoever holds it (the reporter's emails and page). */
  photo(key: string, thumb = false): string {
    return `${this.publicUrl}/photos/${key}${thumb ? '/thumb' : ''}?sig=${this.photoSignature(key)}`;
  }

  /**
   * A photo as the public page links it: it works while its report (and its update) is public and
   * stops with that, for a reader who may see it only so long (a follower).
   */
  publicPhoto(key: string): string {
    return `${this.publicUrl}/photos/${key}`;
  }

  /** The map at the position as it is published (position.ts): no binary noise in a link. */
  map(storedLat: number, storedLon: number): string {
    const [lat, lon] = [publishedDegrees(storedLat), publishedDegrees(storedLon)];
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  }
}
