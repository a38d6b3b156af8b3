import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { Language } from '../../i18n/index.js';
import type { Queryable } from '../../db/transaction.js';
import type { OutgoingEmail } from '../../mail/outbox.js';
import type { RateLimiter } from '../../ratelimit/limiter.js';
import { randomToken, sha256, type Sealer } from '../../security/sealing.js';
import type { StaffRepository } from '../repository.js';
import type { StaffMember } from '../types.js';
import type { SessionRecord, StaffAuthRepository } from './repository.js';
import { AnswerTime } from './answer-time.js';
import { failedCode } from './failed-codes.js';
import { mayAskForLink } from './link-limits.js';
import { looksLikeRecoveryCode, newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import { checkTotp, isSixDigits, newTotpSecret, qrSvg, totpUri } from './totp.js';

const MINUTE = 60_000;
export const LINK_VALID_MS = 10 * MINUTE;
/** A session that has not yet given its second factor lives only as long as a link. */
const HALF_SESSION_MS = 10 * MINUTE;
export const IDLE_MS = 30 * MINUTE;
export const ABSOLUTE_MS = 12 * 60 * MINUTE;
const TOUCH_EVERY_MS = MINUTE;
/** A sign-in link's token as we make them (randomToken): anything else is not looked up. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{40,60}$/;

/**
 * `not-six-digits`: what was typed is no code at all (letters, too few digits), so it is answered
 * as a slip, and not counted as a wrong code.
 */
export type SecondFactorResult =
  | { ok: true; sessionToken: string }
  | { ok: false; reason: 'wrong' | 'locked' | 'not-enrolled' | 'not-six-digits' };

export interface StaffAuthDeps {
  knex: Knex;
  staff: StaffRepository;
  auth: StaffAuthRepository;
  audit: Pick<AuditRepository, 'append'>;
  mail: { enqueue(trx: Queryable, message: OutgoingEmail): Promise<unknown> };
  limiter: Pick<RateLimiter, 'hit'>;
  sealer: Sealer;
  publicUrl: string;
  clock: () => Date;
}

/**
 * Staff sign in with an emailed single-use link (256 random bits, stored hashed, 10 minutes, only
 * the latest one asked for; exchanged by a POST so a mail scanner that follows it signs nobody in)
 * and then a TOTP code or a recovery code. Each step gets a new session id; the session lives in the database, idles out
 * after 30 minutes and ends after 12 hours, and signing out ends it on the server.
 */
export class StaffAuthService {
  private readonly answerTime = new AnswerTime();

  constructor(private readonly deps: StaffAuthDeps) {}

  /**
   * Sends a sign-in link if the address is an active staff member's; says nothing either way. It
   * is in `language` when the page's language was chosen there, else in the member's own.
   */
  async requestLink(email: string, ip: string, language?: Language): Promise<'sent' | 'limited' | 'unknown'> {
    const { limiter, knex, auth, staff } = this.deps;
    const now = this.deps.clock();
    if (!(await mayAskForLink(limiter, email, ip, now))) return 'limited';
    // Answered alike in time too: one sending a link takes longer than one finding nobody.
    const started = this.answerTime.start();
    const member = await staff.byEmail(email);
    if (!member?.active) {
      await this.answerTime.nobody(started);
      return 'unknown';
    }
    const token = randomToken();
    await knex.transaction(async (trx) => {
      await auth.replaceLinks(trx, member.id, sha256(token), now, new Date(now.getTime() + LINK_VALID_MS));
      await this.deps.mail.enqueue(trx, {
        kind: 'staff-sign-in',
        to: { email: member.email, name: member.name },
        language: language ?? member.language,
        template: 'staff-sign-in',
        data: { name: member.name, signInUrl: `${this.deps.publicUrl}/staff/sign-in/${token}`, minutes: 10 },
      });
      await this.deps.audit.append(trx, { staffId: member.id, action: 'sign-in.link-sent', ip }, now);
    });
    this.answerTime.sent(started);
    return 'sent';
  }

  /** Whether the link's POST would sign in, read without using it (mail scanners open links). */
  async checkLink(token: string): Promise<boolean> {
    if (!LINK_TOKEN.test(token)) return false;
    const staffId = await this.deps.auth.usableLink(sha256(token), this.deps.clock());
    const member = staffId === undefined ? undefined : await this.deps.staff.byId(staffId);
    return member?.active === true;
  }

  /** The link's POST: a half session that only opens the code pages, or nothing. */
  async exchangeLink(
    token: string,
    ip: string,
  ): Promise<{ sessionToken: string; member: StaffMember } | undefined> {
    if (!LINK_TOKEN.test(token)) return undefined;
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      const staffId = await this.deps.auth.consumeLink(trx, sha256(token), now);
      const member = staffId === undefined ? undefined : await this.deps.staff.byId(staffId, trx);
      if (!member?.active) return undefined;
      const sessionToken = await this.newSession(trx, member.id, now, null);
      await this.deps.audit.append(trx, { staffId: member.id, action: 'sign-in.link-used', ip }, now);
      return { sessionToken, member };
    });
  }

  /** The session a cookie names, if it is still alive (and kept alive by this request). */
  async session(cookie: unknown): Promise<{ session: SessionRecord; member: StaffMember } | undefined> {
    if (typeof cookie !== 'string' || !/^[A-Za-z0-9_-]{40,60}$/.test(cookie)) return undefined;
    const session = await this.deps.auth.sessionByHash(sha256(cookie));
    const now = this.deps.clock();
    if (!session || session.revokedAt || session.expiresAt <= now) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > IDLE_MS) return undefined;
    const member = await this.deps.staff.byId(session.staffId);
    if (!member?.active) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await this.deps.auth.touchSession(session.id, now);
    return { session, member };
  }

  /**
   * A new TOTP secret to enrol (kept sealed until a code proves the phone has it); never for a
   * member already enrolled, whom a link alone must not let choose another phone.
   */
  async enrolment(member: StaffMember): Promise<{ secret: string; uri: string; qr: string }> {
    const { staff, sealer } = this.deps;
    if (member.enrolled) throw new Error('a member already enrolled enrols no other phone');
    const secrets = await staff.secrets(member.id);
    let secret = secrets?.totpPendingSecret ? sealer.open(secrets.totpPendingSecret) : undefined;
    if (!secret) {
      secret = newTotpSecret();
      await staff.update(
        this.deps.knex,
        member.id,
        { totp_pending_secret: sealer.seal(secret) },
        this.deps.clock(),
      );
    }
    const uri = totpUri(secret, member.email);
    return { secret, uri, qr: await qrSvg(uri) };
  }

  /** The first code from the phone: enrolment done, ten recovery codes, a full session. */
  async completeEnrolment(
    session: SessionRecord,
    code: string,
    ip: string,
  ): Promise<
    | { ok: true; sessionToken: string; recoveryCodes: string[] }
    | { ok: false; reason: 'wrong' | 'locked' | 'enrolled' | 'not-six-digits' }
  > {
    const { staff, sealer } = this.deps;
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      const secrets = await staff.secrets(session.staffId, trx, true);
      const member = await staff.byId(session.staffId, trx);
      if (!secrets || !member) return { ok: false as const, reason: 'wrong' as const };
      if (member.enrolled) return { ok: false as const, reason: 'enrolled' as const };
      if (member.lockedUntil && member.lockedUntil > now)
        return { ok: false as const, reason: 'locked' as const };
      if (!isSixDigits(code)) return { ok: false as const, reason: 'not-six-digits' as const };
      const pending = secrets.totpPendingSecret ? sealer.open(secrets.totpPendingSecret) : undefined;
      const step = pending
        ? await checkTotp(pending, code.replace(/\s/g, ''), { now, lastStep: null })
        : undefined;
      if (step === undefined) return failedCode(this.deps, trx, member, secrets.failedCodes, ip, now);
      const recoveryCodes = newRecoveryCodes();
      await staff.update(
        trx,
        member.id,
        {
          totp_secret: secrets.totpPendingSecret,
          totp_pending_secret: null,
          totp_enrolled_at: now,
          totp_last_step: step,
          failed_codes: 0,
          locked_until: null,
        },
        now,
      );
      await this.deps.auth.replaceRecoveryCodes(trx, member.id, recoveryCodes.map(recoveryCodeHash));
      await this.deps.audit.append(trx, { staffId: member.id, action: 'sign-in.totp-enrolled', ip }, now);
      const sessionToken = await this.upgrade(trx, session, now);
      return { ok: true as const, sessionToken, recoveryCodes };
    });
  }

  /** A TOTP code or a recovery code after the link: a full session with a new id. */
  async secondFactor(session: SessionRecord, code: string, ip: string): Promise<SecondFactorResult> {
    const { staff, sealer } = this.deps;
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx): Promise<SecondFactorResult> => {
      const secrets = await staff.secrets(session.staffId, trx, true);
      const member = await staff.byId(session.staffId, trx);
      if (!secrets || !member) return { ok: false, reason: 'wrong' };
      if (!member.enrolled || !secrets.totpSecret) return { ok: false, reason: 'not-enrolled' };
      if (member.lockedUntil && member.lockedUntil > now) return { ok: false, reason: 'locked' };
      const typed = code.replace(/\s/g, '');
      if (!isSixDigits(typed) && !looksLikeRecoveryCode(typed))
        return { ok: false, reason: 'not-six-digits' };
      const secret = sealer.open(secrets.totpSecret);
      const step = secret
        ? await checkTotp(secret, typed, { now, lastStep: secrets.totpLastStep })
        : undefined;
      let how: 'totp' | 'recovery-code' = 'totp';
      if (step !== undefined) {
        await staff.update(trx, member.id, { totp_last_step: step, failed_codes: 0 }, now);
      } else if (
        looksLikeRecoveryCode(typed) &&
        (await this.deps.auth.consumeRecoveryCode(trx, member.id, recoveryCodeHash(typed), now))
      ) {
        how = 'recovery-code';
        await staff.update(trx, member.id, { failed_codes: 0 }, now);
      } else {
        return failedCode(this.deps, trx, member, secrets.failedCodes, ip, now);
      }
      await this.deps.audit.append(trx, { staffId: member.id, action: `sign-in.${how}`, ip }, now);
      return { ok: true, sessionToken: await this.upgrade(trx, session, now) };
    });
  }

  async signOut(session: SessionRecord, ip: string): Promise<void> {
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      await this.deps.auth.revokeSession(trx, session.id, now);
      await this.deps.audit.append(trx, { staffId: session.staffId, action: 'sign-out', ip }, now);
    });
  }

  /** The session of a signed-in person always gets a new id when it gains a factor. */
  private async upgrade(trx: Knex.Transaction, session: SessionRecord, now: Date): Promise<string> {
    await this.deps.auth.revokeSession(trx, session.id, now);
    return this.newSession(trx, session.staffId, now, now);
  }

  private async newSession(
    trx: Queryable,
    staffId: number,
    now: Date,
    secondFactorAt: Date | null,
  ): Promise<string> {
    const token = randomToken();
    const lifetime = secondFactorAt ? ABSOLUTE_MS : HALF_SESSION_MS;
    await this.deps.auth.insertSession(
      trx,
      {
        idHash: sha256(token),
        staffId,
        csrfToken: randomToken(24),
        expiresAt: new Date(now.getTime() + lifetime),
        secondFactorAt,
      },
      now,
    );
    return token;
  }
}
