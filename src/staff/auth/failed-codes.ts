import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { Queryable } from '../../db/transaction.js';
import type { OutgoingEmail } from '../../mail/outbox.js';
import type { StaffRepository } from '../repository.js';
import type { StaffMember } from '../types.js';

const MINUTE = 60_000;
/** Wrong codes in a row before the account waits; the owner is told. */
export const MAX_FAILED_CODES = 5;
const LOCK_MS = 15 * MINUTE;

export interface FailedCodeDeps {
  staff: Pick<StaffRepository, 'update'>;
  audit: Pick<AuditRepository, 'append'>;
  mail: { enqueue(trx: Queryable, message: OutgoingEmail): Promise<unknown> };
}

/**
 * A wrong code, counted: the fifth in a row locks the account for a while and tells its owner, so
 * a stolen link alone cannot guess its way through six digits.
 */
export async function failedCode(
  deps: FailedCodeDeps,
  trx: Knex.Transaction,
  member: StaffMember,
  failedBefore: number,
  ip: string,
  now: Date,
): Promise<{ ok: false; reason: 'wrong' | 'locked' }> {
  const failed = failedBefore + 1;
  const locked = failed >= MAX_FAILED_CODES;
  await deps.staff.update(
    trx,
    member.id,
    locked ? { failed_codes: 0, locked_until: new Date(now.getTime() + LOCK_MS) } : { failed_codes: failed },
    now,
  );
  await deps.audit.append(
    trx,
    { staffId: member.id, action: locked ? 'sign-in.locked' : 'sign-in.wrong-code', ip },
    now,
  );
  if (locked) {
    await deps.mail.enqueue(trx, {
      kind: 'staff-locked',
      to: { email: member.email, name: member.name },
      language: member.language,
      template: 'staff-locked',
      data: { name: member.name, minutes: LOCK_MS / MINUTE, attempts: MAX_FAILED_CODES },
    });
  }
  return { ok: false, reason: locked ? 'locked' : 'wrong' };
}
