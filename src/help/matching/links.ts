import type { Signer } from '../../security/signing.js';

export type Side = 'volunteer' | 'person';
export type LinkAction = 'accept' | 'decline' | 'agree' | 'refuse' | 'concern' | 'followup';

/** Which side each action is for: a volunteer's link never answers for the person, nor back. */
export const SIDE_OF: Readonly<Record<Exclude<LinkAction, 'concern' | 'followup'>, Side>> = {
  accept: 'volunteer',
  decline: 'volunteer',
  agree: 'person',
  refuse: 'person',
};

const DAY_MS = 86_400_000;
/** An answer is asked for within two weeks; a concern or a follow-up may come for three months. */
const ANSWER_DAYS = 14;
const LATER_DAYS = 90;

/**
 * The links in matching emails: each names one match and one side, signed and expiring, so a
 * link forwarded to the other side, or guessed, or old, answers nothing.
 */
export class MatchLinks {
  constructor(
    private readonly signer: Signer,
    private readonly publicUrl: string,
  ) {}

  url(matchId: number, side: Side, action: LinkAction | `followup/${string}`, now: Date): string {
    const days = action === 'concern' || action.startsWith('followup') ? LATER_DAYS : ANSWER_DAYS;
    const token = this.signer.expiring(
      `help-match:${side}`,
      String(matchId),
      new Date(now.getTime() + days * DAY_MS),
    );
    return `${this.publicUrl}/help/matches/${matchId}/${action}?token=${encodeURIComponent(token)}`;
  }

  /** Which side a token speaks for on this match, or why it does not. */
  read(
    matchId: number,
    side: Side,
    token: unknown,
    now: Date,
  ): { ok: true } | { ok: false; reason: 'invalid' | 'expired' } {
    const read = this.signer.readExpiring(`help-match:${side}`, token, now);
    if (!read.ok) return { ok: false, reason: read.subject === String(matchId) ? read.reason : 'invalid' };
    return read.subject === String(matchId) ? { ok: true } : { ok: false, reason: 'invalid' };
  }
}
