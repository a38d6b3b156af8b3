import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';

export interface SessionRecord {
  id: number;
  staffId: number;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  secondFactorAt: Date | null;
  revokedAt: Date | null;
}

interface SessionRow {
  id: number;
  staff_id: number;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  second_factor_at: Date | null;
  revoked_at: Date | null;
}

const rowToSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  staffId: row.staff_id,
  csrfToken: row.csrf_token,
  createdAt: new Date(row.created_at),
  lastSeenAt: new Date(row.last_seen_at),
  expiresAt: new Date(row.expires_at),
  secondFactorAt: row.second_factor_at ? new Date(row.second_factor_at) : null,
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
});

/** Sign-in links, sessions and recovery codes: every secret in them stored as a SHA-256 hash. */
export class StaffAuthRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * A member's new sign-in link, and the only one that works: every earlier unused link of theirs
   * goes, so one asked for again (the first seemed lost) or an old email found later signs nobody
   * in. Their row is locked first, so two asks at once leave one link, not two.
   */
  async replaceLinks(
    db: Queryable,
    staffId: number,
    tokenHash: string,
    now: Date,
    expiresAt: Date,
  ): Promise<void> {
    await db('staff_members').where({ id: staffId }).forUpdate().first('id');
    await this.cancelLinks(db, staffId);
    await db('staff_sign_in_links').insert({
      staff_id: staffId,
      token_hash: tokenHash,
      created_at: now,
      expires_at: expiresAt,
    });
  }

  /** A link's staff member if it is unused and unexpired, read without using it. */
  async usableLink(tokenHash: string, now: Date): Promise<number | undefined> {
    const row = (await this.knex('staff_sign_in_links')
      .where({ token_hash: tokenHash })
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .first('staff_id')) as { staff_id: number } | undefined;
    return row?.staff_id;
  }

  /** Uses a link once: answers its staff member only if it was unused and unexpired. */
  async consumeLink(db: Queryable, tokenHash: string, now: Date): Promise<number | undefined> {
    const rows = (await db('staff_sign_in_links')
      .where({ token_hash: tokenHash })
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .update({ used_at: now })
      .returning('staff_id')) as { staff_id: number }[];
    return rows[0]?.staff_id;
  }

  async insertSession(
    db: Queryable,
    session: {
      idHash: string;
      staffId: number;
      csrfToken: string;
      expiresAt: Date;
      secondFactorAt: Date | null;
    },
    now: Date,
  ): Promise<number> {
    const [row] = (await db('staff_sessions')
      .insert({
        id_hash: session.idHash,
        staff_id: session.staffId,
        csrf_token: session.csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: session.expiresAt,
        second_factor_at: session.secondFactorAt,
      })
      .returning('id')) as { id: number }[];
    return row!.id;
  }

  async sessionByHash(idHash: string): Promise<SessionRecord | undefined> {
    const row = (await this.knex('staff_sessions').where({ id_hash: idHash }).first()) as
      SessionRow | undefined;
    return row ? rowToSession(row) : undefined;
  }

  async touchSession(id: number, now: Date): Promise<void> {
    await this.knex('staff_sessions').where({ id }).update({ last_seen_at: now });
  }

  async revokeSession(db: Queryable, id: number, now: Date): Promise<void> {
    await db('staff_sessions').where({ id }).whereNull('revoked_at').update({ revoked_at: now });
  }

  async revokeAllSessions(db: Queryable, staffId: number, now: Date): Promise<void> {
    await db('staff_sessions')
      .where({ staff_id: staffId })
      .whereNull('revoked_at')
      .update({ revoked_at: now });
  }

  /** Makes every unused sign-in link of a member unusable: deactivating them must outlive reactivation. */
  async cancelLinks(db: Queryable, staffId: number): Promise<void> {
    await db('staff_sign_in_links').where({ staff_id: staffId }).whereNull('used_at').delete();
  }

  async replaceRecoveryCodes(db: Queryable, staffId: number, codeHashes: readonly string[]): Promise<void> {
    await db('staff_recovery_codes').where({ staff_id: staffId }).delete();
    // None: a reset two-factor sign-in, whose codes come with the next enrolment.
    if (codeHashes.length === 0) return;
    await db('staff_recovery_codes').insert(
      codeHashes.map((hash) => ({ staff_id: staffId, code_hash: hash })),
    );
  }

  /** Uses a recovery code once; true when it was this member's and unused. */
  async consumeRecoveryCode(db: Queryable, staffId: number, codeHash: string, now: Date): Promise<boolean> {
    const rows = (await db('staff_recovery_codes')
      .where({ staff_id: staffId, code_hash: codeHash })
      .whereNull('used_at')
      .update({ used_at: now })
      .returning('id')) as { id: number }[];
    return rows.length > 0;
  }

  async unusedRecoveryCodes(staffId: number): Promise<number> {
    const [row] = (await this.knex('staff_recovery_codes')
      .where({ staff_id: staffId })
      .whereNull('used_at')
      .count({ count: '*' })) as { count: number | string }[];
    return Number(row?.count ?? 0);
  }

  /** Sessions and links past their use, for the scheduler. */
  async purge(before: Date): Promise<void> {
    await this.knex('staff_sign_in_links').where('expires_at', '<', before).delete();
    await this.knex('staff_sessions').where('expires_at', '<', before).delete();
  }
}
